import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD, TestUser, unique } from './support/fixtures';

/**
 * Rate limits: per person once signed in, stricter on logging in, shared through Redis. One
 * configuration for the file (the app module reads the environment once); the tests share counts
 * and run in order.
 */
const env = { RATE_LIMIT_PER_MINUTE: '8', RATE_LIMIT_LOGIN_PER_MINUTE: '4', QUEUE_PREFIX: `rl-${unique()}` };
let app: INestApplication;
let fx: Fixtures;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  app = await createTestApp(env);
  fx = new Fixtures(app);
  alice = await fx.user('official'); // login 1
  bob = await fx.user('official'); // login 2
});
afterAll(() => app.close());

const me = (target: INestApplication, user: TestUser) =>
  request(target.getHttpServer()).get('/api/v1/auth/me').auth(user.token, { type: 'bearer' });

it('a person over RATE_LIMIT_PER_MINUTE gets 429 with Retry-After; another person does not', async () => {
  for (let i = 0; i < 8; i++) await me(app, alice).expect(200);
  const refused = await me(app, alice).expect(429);
  expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  await me(app, bob).expect(200); // bob: 1
});

it('logging in has its own, stricter limit per address', async () => {
  const carol = await fx.user('official'); // login 3
  const login = () =>
    request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: carol.username, password: PASSWORD });
  await login().expect(200); // login 4
  await login().expect(429);
  await me(app, carol).expect(200); // the rest of the API is not affected
});

const withRedis = process.env.REDIS_URL ? it : it.skip;

withRedis('with Redis the limit holds across processes', async () => {
  const other = await createTestApp(env);
  try {
    for (let i = 0; i < 3; i++) {
      await me(app, bob).expect(200);
      await me(other, bob).expect(200);
    }
    await me(other, bob).expect(200); // bob: 8
    await me(app, bob).expect(429);
    await me(other, bob).expect(429);
  } finally {
    await other.close();
  }
});
