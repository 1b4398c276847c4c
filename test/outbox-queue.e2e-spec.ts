import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { EventDelivery } from '../src/notifications/event-delivery.service';
import { Notification } from '../src/notifications/notification.entity';
import { NotifyQueue } from '../src/notifications/notify-queue';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

/**
 * The outbox's way to the recipients: published to BullMQ with Redis (inline without), delivered
 * once in effect however often a job runs, and published again when a job is lost.
 */
let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
let events: ReturnType<DataSource['getRepository']>;
beforeAll(async () => {
  app = await createTestApp({ OUTBOX_SWEEP_AFTER_SECONDS: '60' });
  fx = new Fixtures(app);
  official = await fx.user('official');
  events = app.get(DataSource).getRepository(OutboxEvent);
});
afterAll(() => app.close());

const withRedis = process.env.REDIS_URL ? it : it.skip;
let serial = 0;

/** Creates and activates a code: one `code.activated` event, which reaches every province official. */
async function activatedCode(): Promise<{ id: string; event: OutboxEvent }> {
  const cooperative = await fx.cooperative();
  const code = (
    await signedIn(app, official)
      .post('/api/v1/growing-areas', {
        code: `VN-OQ-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`,
        kind: 'domestic',
        productCode: 'chestnut',
        areaHa: 3,
        communeCode: '06427',
        cooperativeId: cooperative.id,
        issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
        issuedOn: '2026-06-01',
      })
      .expect(201)
  ).body;
  await signedIn(app, official)
    .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'active', reason: 'cấp mã' })
    .expect(200);
  const event = (await events.findOneByOrFail({
    aggregateId: code.id,
    type: 'code.activated',
  })) as OutboxEvent;
  return { id: code.id, event };
}

const inboxRows = (eventId: string) =>
  app.get(DataSource).getRepository(Notification).countBy({ eventId, userId: official.id });

it('drain publishes and delivers: the event is marked published and delivered, the official told once', async () => {
  const { event } = await activatedCode();
  expect(event.publishedAt).toBeNull();
  await app.get(OutboxRelay).drain();
  const after = (await events.findOneByOrFail({ id: event.id })) as OutboxEvent;
  expect(after.publishedAt).not.toBeNull();
  expect(after.deliveredAt).not.toBeNull();
  expect(await inboxRows(event.id)).toBe(1);
});

it('delivering the same event again, even at the same time, writes nothing more', async () => {
  const { event } = await activatedCode();
  await app.get(OutboxRelay).drain();
  // As if a job ran again after its worker died before acknowledging it.
  await events.update({ id: event.id }, { deliveredAt: null });
  const delivery = app.get(EventDelivery);
  // Two workers at once on MySQL/MariaDB; SQLite (one process, one writer) runs them in turn.
  const delivered = process.env.DATABASE_URL
    ? await Promise.all([delivery.deliver([event.id]), delivery.deliver([event.id])])
    : [await delivery.deliver([event.id]), await delivery.deliver([event.id])];
  expect(delivered.reduce((a, b) => a + b, 0)).toBe(1);
  expect(await inboxRows(event.id)).toBe(1);
  expect(((await events.findOneByOrFail({ id: event.id })) as OutboxEvent).deliveredAt).not.toBeNull();
});

withRedis('two jobs for the same event (published twice) deliver once', async () => {
  const { event } = await activatedCode();
  const queue = app.get(NotifyQueue);
  await queue.publish([event]);
  await queue.publish([event]);
  await queue.processWaiting();
  expect(await inboxRows(event.id)).toBe(1);
});

withRedis('the sweeper publishes again an event whose job was lost (Redis restarted empty)', async () => {
  const { event } = await activatedCode();
  // Published ten minutes ago, its job gone with Redis: nothing will deliver it but the sweeper.
  await events.update({ id: event.id }, { publishedAt: new Date(Date.now() - 10 * 60_000) });
  const relay = app.get(OutboxRelay);
  await relay.drain();
  expect(await inboxRows(event.id)).toBe(0);
  expect(await relay.sweep()).toBeGreaterThanOrEqual(1);
  await relay.drain();
  expect(await inboxRows(event.id)).toBe(1);
  expect(((await events.findOneByOrFail({ id: event.id })) as OutboxEvent).deliveredAt).not.toBeNull();
  // A recent publication is left to its job.
  const fresh = await activatedCode();
  await events.update({ id: fresh.event.id }, { publishedAt: new Date() });
  await relay.sweep();
  expect(((await events.findOneByOrFail({ id: fresh.event.id })) as OutboxEvent).publishedAt).not.toBeNull();
});

it('without Redis the sweeper has nothing to do: the inline relay delivers as it publishes', async () => {
  if (process.env.REDIS_URL) return;
  expect(await app.get(OutboxRelay).sweep()).toBe(0);
});
