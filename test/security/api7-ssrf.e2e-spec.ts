import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Webhook, WebhookDelivery } from '../../src/webhooks/webhook.entity';
import { WebhookSender } from '../../src/webhooks/webhook-sender.service';
import { createTestApp } from '../support/app';
import { Fixtures, signedIn, TestUser } from '../support/fixtures';
import { isErrorBody } from './support/api-surface';

/**
 * OWASP API7:2023 Server Side Request Forgery. The one URL the API calls on a client's word is a
 * webhook's. In production (this file: NODE_ENV=production, WEBHOOK_ALLOW_HOSTS empty) a private,
 * loopback, link-local or unspecified target is refused when the webhook is registered (422) and
 * again at every delivery attempt, after resolving the name (src/webhooks/address-guard.ts; its
 * unit spec checks the address ranges, test/webhooks.e2e-spec.ts the deliveries themselves).
 * Redirects are not followed (fetch redirect: 'manual'): test/security/api10-unsafe-consumption.
 * Not covered: DNS rebinding between the check and the call (the name is resolved twice).
 */
let app: INestApplication;
let admin: TestUser;
beforeAll(async () => {
  app = await createTestApp({
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-for-the-ssrf-spec-0123456789',
    WEBHOOK_ALLOW_HOSTS: '',
    WEBHOOK_MAX_ATTEMPTS: '1',
  });
  admin = await new Fixtures(app).user('admin');
});
afterAll(() => app.close());

const SECRET = 'khoa-bi-mat-thu-nghiem-2026';
const TARGETS = [
  'http://10.0.0.5/hook',
  'http://172.16.0.1/hook',
  'http://172.31.255.254/hook',
  'http://192.168.1.10/hook',
  'http://100.64.0.1/hook',
  'http://127.0.0.1:9000/hook',
  'http://127.1/hook',
  'http://0.0.0.0/hook',
  'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'http://[::1]:9000/hook',
  'http://[::]/hook',
  'http://[fd00::1]/hook',
  'http://[fe80::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:169.254.169.254]/hook',
  'http://[::ffff:7f00:1]/hook',
  'http://[::ffff:a00:5]/hook',
  // IPv4-compatible (deprecated) and NAT64 forms of loopback and the metadata address.
  'http://[::127.0.0.1]/hook',
  'http://[64:ff9b::a9fe:a9fe]/hook',
  'http://2130706433/hook',
  'http://0177.0.0.1/hook',
  'http://0x7f.0.0.1/hook',
  'http://0x7f000001/hook',
  'http://localhost:9000/hook',
  'http://LOCALHOST./hook',
  'http://vm/hook', // /etc/hosts: 127.0.0.1
  'http://user:pass@127.0.0.1/hook',
  'http://example.vn@127.0.0.1/hook',
  'http://localtest.me/hook', // public DNS names for 127.0.0.1: refused too when DNS is unreachable (no address)
  'http://127.0.0.1.nip.io/hook',
  'https://169.254.169.254./latest',
];

it('refuses every private, loopback, link-local or unspecified target at registration (400/422), creating nothing', async () => {
  const dns = await lookup('localtest.me').then(
    () => 'reachable',
    () => 'unreachable (names that do not resolve are refused as such)',
  );
  const answers: Record<string, string> = {};
  for (const url of TARGETS) {
    const res = await signedIn(app, admin).post('/api/v1/webhooks', { url, secret: SECRET });
    answers[url] =
      [400, 422].includes(res.status) && isErrorBody(res.body, res.status)
        ? 'refused'
        : `${res.status} ${JSON.stringify(res.body)}`;
  }
  console.log(`API7: ${TARGETS.length} webhook targets refused in production (public DNS ${dns})`);
  expect(answers).toEqual(Object.fromEntries(TARGETS.map((u) => [u, 'refused'])));
  expect(await app.get(DataSource).getRepository(Webhook).findBy({ createdBy: admin.id })).toEqual([]);
});

it('accepts a public address (the guard does not refuse everything)', async () => {
  const res = await signedIn(app, admin)
    .post('/api/v1/webhooks', { url: 'https://203.0.113.10/lienket', secret: SECRET })
    .expect(201);
  await signedIn(app, admin).delete(`/api/v1/webhooks/${res.body.id}`).expect(204);
});

it('at delivery time, a target that became private is not called, and the delivery records why', async () => {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push(req.url ?? '');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const ds = app.get(DataSource);
  try {
    // Registered before the guard existed (or while its name pointed elsewhere): written directly,
    // inactive, so other spec files' relays queue nothing for it; handed to send() as active.
    const hook = {
      id: randomUUID(),
      url: `http://127.0.0.1:${port}/lienket`,
      secret: SECRET,
      events: null,
      active: false,
      createdBy: admin.id,
    };
    await ds.getRepository(Webhook).insert(hook);
    // An event of its own, already published and delivered: no relay or worker takes it up.
    const event = await ds.getRepository(OutboxEvent).save({
      id: randomUUID(),
      type: 'code.suspended',
      aggregateType: 'growing-area',
      aggregateId: randomUUID(),
      payload: { reason: 'ssrf spec' },
      publishedAt: new Date(),
      deliveredAt: new Date(),
    });
    // Claimed by this test alone (a lease no other process takes over): sendDue would claim every
    // due delivery of the shared database, other spec files' too.
    const claim = randomUUID();
    const delivery = {
      id: randomUUID(),
      webhookId: hook.id,
      eventId: event.id,
      eventType: event.type,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(),
      claimedBy: claim,
      leaseUntil: new Date(Date.now() + 60_000),
      lastError: null,
      deliveredAt: null,
    };
    await ds.getRepository(WebhookDelivery).insert(delivery);
    const sender = app.get(WebhookSender) as unknown as {
      send(d: WebhookDelivery, h: Webhook, e: OutboxEvent): Promise<string | null>;
      deliveries: { settle(d: WebhookDelivery, error: string | null): Promise<void> };
    };
    const stored = await ds.getRepository(WebhookDelivery).findOneByOrFail({ id: delivery.id });
    // The two steps sendDue runs for each claimed delivery.
    const why = await sender.send(stored, { ...hook, active: true, createdAt: new Date() } as Webhook, event);
    await sender.deliveries.settle(stored, why);
    expect(why).toMatch(/127\.0\.0\.1 resolves to 127\.0\.0\.1, a private, loopback or link-local address/);
    expect(received).toEqual([]);
    const dead = await signedIn(app, admin)
      .get(`/api/v1/webhooks/${hook.id}/deliveries?status=dead`)
      .expect(200);
    expect(dead.body.items).toEqual([
      expect.objectContaining({ id: delivery.id, status: 'dead', attempts: 1, lastError: why }),
    ]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
