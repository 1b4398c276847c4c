import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyKey } from '../src/idempotency/idempotency-key.entity';
import { IdempotencyService } from '../src/idempotency/idempotency.service';
import { createTestApp } from './support/app';
import { Fixtures, TestUser, unique } from './support/fixtures';
import { householdBody } from './support/households';

/** Idempotency-Key on creating POSTs, with Stripe's semantics, per user. */
let app: INestApplication;
let coop: TestUser;
let other: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  const fx = new Fixtures(app);
  coop = await fx.user('cooperative');
  other = await fx.user('cooperative');
});
afterAll(() => app.close());

const post = (user: TestUser, key: string | undefined, body: object) => {
  const req = request(app.getHttpServer()).post('/api/v1/households').auth(user.token, { type: 'bearer' });
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
};
const householdsWith = (nationalId: string) =>
  app.get(DataSource).query('SELECT COUNT(*) AS n FROM households WHERE nationalId = ?', [nationalId]);
const count = async (nationalId: string) => Number((await householdsWith(nationalId))[0].n);

it('the same key and body replays the first answer, with one effect', async () => {
  const key = `k-${unique()}`;
  const body = householdBody();
  const first = await post(coop, key, body).expect(201);
  const again = await post(coop, key, body).expect(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(again.body).toEqual(first.body);
  expect(await count(body.nationalId as string)).toBe(1);
});

it('the same key with another body is refused (422); another user may use the same key', async () => {
  const key = `k-${unique()}`;
  await post(coop, key, householdBody()).expect(201);
  const res = await post(coop, key, householdBody()).expect(422);
  expect(res.body.message).toMatch(/different request/);
  await post(other, key, householdBody()).expect(201);
});

it('a refused request (4xx) is replayed as refused; no key means no replay', async () => {
  const key = `k-${unique()}`;
  const bad = householdBody({ nationalId: 'not-a-cccd' });
  const first = await post(coop, key, bad).expect(400);
  const again = await post(coop, key, bad).expect(400);
  expect(again.body).toEqual(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  const body = householdBody();
  await post(coop, undefined, body).expect(201);
  await post(coop, undefined, body).expect(409); // the CCCD exists: no key, no replay
});

it('an expired key runs the request again', async () => {
  const key = `k-${unique()}`;
  await post(coop, key, householdBody()).expect(201);
  await app
    .get(DataSource)
    .getRepository(IdempotencyKey)
    .update({ userId: coop.id, idempotencyKey: key }, { expiresAt: new Date(Date.now() - 1000) });
  await post(coop, key, householdBody()).expect(201);
});

it('expired answers are purged', async () => {
  const key = `k-${unique()}`;
  await post(coop, key, householdBody()).expect(201);
  const keys = app.get(DataSource).getRepository(IdempotencyKey);
  await keys.update({ userId: coop.id, idempotencyKey: key }, { expiresAt: new Date(Date.now() - 1000) });
  expect(await app.get(IdempotencyService).purgeExpired()).toBeGreaterThanOrEqual(1);
  expect(await keys.countBy({ userId: coop.id, idempotencyKey: key })).toBe(0);
});

it('refuses a malformed key, naming the header', async () => {
  const res = await post(coop, 'x'.repeat(256), householdBody()).expect(400);
  expect(res.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
});

it('100 concurrent identical requests have one effect: 201s (the first and replays) or 409 while it runs', async () => {
  const key = `k-${unique()}`;
  const body = householdBody();
  const statuses = await Promise.all(
    Array.from({ length: 100 }, () => post(coop, key, body).then((r) => r.status)),
  );
  expect(await count(body.nationalId as string)).toBe(1);
  expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
  expect(statuses).toContain(201);
});
