import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD } from './support/fixtures';
import { householdBody } from './support/households';

/**
 * Redis down (nothing listens on the port): the API still answers. Rate limits pass while their
 * store is away, failed logins are counted in the process, writes go to the outbox as always.
 */
let app: INestApplication;
beforeAll(async () => {
  app = await createTestApp({
    REDIS_URL: 'redis://127.0.0.1:9',
    RATE_LIMIT_PER_MINUTE: '100',
    LOGIN_MAX_FAILURES_PER_USERNAME: '2',
  });
});
afterAll(() => app.close());

it('logs in, reads and writes without Redis, and still throttles failed logins', async () => {
  const user = await new Fixtures(app).user('cooperative');
  await request(app.getHttpServer()).get('/api/v1/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
  await request(app.getHttpServer())
    .post('/api/v1/households')
    .auth(user.token, { type: 'bearer' })
    .send(householdBody())
    .expect(201);
  const login = (password: string) =>
    request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: user.username, password });
  await login('wrong-password-1').expect(401);
  await login('wrong-password-2').expect(401);
  await login(PASSWORD).expect(429);
});
