import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, TestUser } from './support/fixtures';
import { householdBody } from './support/households';

/**
 * No N+1: the number of SQL statements behind a list request does not grow with the page size.
 * Counted by wrapping the driver's query runner (the queries still run on the real database).
 */
let app: INestApplication;
let fx: Fixtures;
let coop: TestUser;
let statements = 0;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  coop = await fx.user('cooperative');
  for (let i = 0; i < 25; i++) {
    const created = await api(coop).post('/api/v1/households').send(householdBody()).expect(201);
    await api(coop)
      .post(`/api/v1/households/${created.body.id}/support`)
      .send({ programme: '1719', kind: 'training', valueVnd: 1_000_000, supportedOn: '2026-05-01' })
      .expect(201);
  }
  const runner = app.get(DataSource).createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as QueryRunner;
  await runner.release();
  const query = proto.query;
  proto.query = function (this: QueryRunner, ...args: Parameters<QueryRunner['query']>) {
    statements++;
    return query.apply(this, args);
  } as QueryRunner['query'];
});
afterAll(() => app.close());

function api(user: TestUser) {
  const server = app.getHttpServer();
  return {
    get: (url: string) => request(server).get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string) => request(server).post(url).auth(user.token, { type: 'bearer' }),
  };
}

async function statementsFor(url: string): Promise<number> {
  await api(coop).get(url).expect(200); // warm caches (reference names)
  statements = 0;
  const res = await api(coop).get(url).expect(200);
  expect(res.body.items.length).toBeGreaterThan(0);
  return statements;
}

it.each([
  ['/api/v1/households', 'limit'],
  ['/api/v1/support', 'limit'],
  ['/api/v1/cooperatives', 'limit'],
])('%s: the same number of statements for 2 rows and for 25', async (path) => {
  const small = await statementsFor(`${path}?limit=2`);
  const large = await statementsFor(`${path}?limit=25`);
  expect(large).toBe(small);
  expect(small).toBeGreaterThanOrEqual(1);
  expect(small).toBeLessThanOrEqual(3);
});

it('members of a cooperative: constant too', async () => {
  const me = (await api(coop).get('/api/v1/auth/me').expect(200)).body;
  const small = await statementsFor(`/api/v1/cooperatives/${me.cooperativeId}/members?limit=2`);
  const large = await statementsFor(`/api/v1/cooperatives/${me.cooperativeId}/members?limit=25`);
  expect(large).toBe(small);
});
