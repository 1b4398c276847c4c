import { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { WebhookSender } from '../src/webhooks/webhook-sender.service';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
let admin: TestUser;
let official: TestUser;
beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_RETRY_BASE_MS: '20', WEBHOOK_MAX_ATTEMPTS: '3' });
  fx = new Fixtures(app);
  [admin, official] = [await fx.user('admin'), await fx.user('official')];
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const SECRET = 'khoa-bi-mat-cua-doanh-nghiep-2026';

interface Received {
  raw: string;
  headers: IncomingHttpHeaders;
}

/**
 * A local receiver that records every raw delivery and answers what `decide` says for it. Other
 * test files' events may arrive too (the database is shared), so tests look at their code's only.
 */
async function receiver(
  decide: (data: { id?: string }, seen: number) => number = () => 200,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const data = (JSON.parse(raw) as { data: { id?: string } }).data;
      const seen = received.filter(
        (r) => (JSON.parse(r.raw) as { data: { id?: string } }).data.id === data.id,
      ).length;
      received.push({ raw, headers: req.headers });
      res.statusCode = decide(data, seen);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/lienket`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let serial = 0;
let nextCodeId = '';
/** A code suspended and its events relayed; its id is known to the receivers before the relay. */
async function suspendedCode(): Promise<string> {
  const created = await as(official)
    .post('/api/v1/growing-areas', {
      code: `VN-WH-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`,
      kind: 'domestic',
      productCode: 'persimmon',
      areaHa: 2,
      communeCode: '06172',
      issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
      issuedOn: '2026-06-01',
    })
    .expect(201);
  nextCodeId = created.body.id;
  await as(official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'active', reason: 'cấp' })
    .expect(200);
  await as(official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'suspended', reason: 'vi phạm' })
    .expect(200);
  await app.get(OutboxRelay).drain();
  return created.body.id;
}

/**
 * Sends what is due until the deliveries of the code's suspension settle (the retry delay is 20 ms
 * here). Other spec files suspend codes too, in the shared MariaDB database: their deliveries to
 * this webhook are left out.
 */
async function sendUntilSettled(
  hookId: string,
  codeId: string,
  predicate: (d: { status: string }) => boolean,
) {
  const event = await app
    .get(DataSource)
    .getRepository(OutboxEvent)
    .findOneByOrFail({ aggregateId: codeId, type: 'code.suspended' });
  for (let i = 0; i < 40; i++) {
    await app.get(WebhookSender).sendDue();
    const list = (
      (await as(admin).get(`/api/v1/webhooks/${hookId}/deliveries?limit=200`).expect(200)).body
        .items as Array<{
        status: string;
        eventId: string;
      }>
    ).filter((d) => d.eventId === event.id);
    if (list.length && list.every(predicate)) return list;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('deliveries did not settle');
}

describe('webhooks', () => {
  it('signs each delivery over its raw body and carries the idempotency key', async () => {
    const target = await receiver();
    const hook = (
      await as(admin)
        .post('/api/v1/webhooks', { url: target.url, secret: SECRET, events: ['code.suspended'] })
        .expect(201)
    ).body;
    try {
      const codeId = await suspendedCode();
      const [delivery] = await sendUntilSettled(hook.id, codeId, (d) => d.status === 'delivered');
      const mine = target.received.filter((r) => JSON.parse(r.raw).data.id === codeId);
      expect(mine).toHaveLength(1);
      const { raw, headers } = mine[0];
      const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      expect(headers['x-lienket-signature']).toBe(expected);
      expect(headers['x-lienket-event']).toBe('code.suspended');
      expect(headers['x-lienket-timestamp']).toMatch(/^\d{10}$/);
      expect(typeof headers['x-lienket-delivery']).toBe('string');
      expect(JSON.parse(raw)).toEqual({
        id: expect.any(String),
        type: 'code.suspended',
        occurredAt: expect.any(String),
        data: expect.objectContaining({ id: codeId, reason: 'vi phạm' }),
      });
      expect(delivery.status).toBe('delivered');
    } finally {
      await as(admin).delete(`/api/v1/webhooks/${hook.id}`).expect(204);
      await target.close();
    }
  });

  it('retries after the receiver answers 500 (same delivery id), and dead-letters after the last attempt', async () => {
    const flaky = await receiver((data, seen) => (data.id === nextCodeId && seen === 0 ? 500 : 200));
    const retried = (
      await as(admin)
        .post('/api/v1/webhooks', { url: flaky.url, secret: SECRET, events: ['code.suspended'] })
        .expect(201)
    ).body;
    const broken = await receiver((data) => (data.id === nextCodeId ? 500 : 200));
    const dead = (
      await as(admin)
        .post('/api/v1/webhooks', { url: broken.url, secret: SECRET, events: ['code.suspended'] })
        .expect(201)
    ).body;
    try {
      const codeId = await suspendedCode();
      await sendUntilSettled(retried.id, codeId, (d) => d.status === 'delivered');
      const tries = flaky.received.filter((r) => JSON.parse(r.raw).data.id === codeId);
      expect(tries).toHaveLength(2);
      expect(tries[0].headers['x-lienket-delivery']).toBe(tries[1].headers['x-lienket-delivery']);

      await sendUntilSettled(dead.id, codeId, (d) => d.status === 'dead');
      const letters = (await as(admin).get(`/api/v1/webhooks/${dead.id}/deliveries?status=dead`).expect(200))
        .body.items;
      expect(letters[0]).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 500' });
      expect(broken.received.filter((r) => JSON.parse(r.raw).data.id === codeId)).toHaveLength(3);
    } finally {
      await as(admin).delete(`/api/v1/webhooks/${retried.id}`).expect(204);
      await as(admin).delete(`/api/v1/webhooks/${dead.id}`).expect(204);
      await Promise.all([flaky.close(), broken.close()]);
    }
  });

  it('is for admins only and checks what it is given', async () => {
    await as(official)
      .post('/api/v1/webhooks', { url: 'https://example.vn/hook', secret: SECRET })
      .expect(403);
    const bad = await as(admin).post('/api/v1/webhooks', { url: 'not a url', secret: 'short' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('url');
    await as(admin)
      .post('/api/v1/webhooks', { url: 'https://example.vn/hook', secret: SECRET, events: ['no.such'] })
      .expect(400);
  });
});
