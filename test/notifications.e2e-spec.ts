import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  official = await fx.user('official');
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const drain = () => app.get(OutboxRelay).drain();
let serial = 0;
const nextCode = () =>
  `VN-NT-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`;

const inbox = async (user: TestUser, query = '') =>
  (await as(user).get(`/api/v1/notifications?limit=200${query}`).expect(200)).body as {
    items: Array<{ id: string; type: string; title: string; entityId: string; readAt: string | null }>;
    unreadCount: number;
    total: number;
  };
/** Those about one record: a shared official's inbox may hold far more than a page of others. */
const typesFor = async (user: TestUser, entityId: string) => {
  const { items } = await inbox(user, `&entityId=${entityId}`);
  expect(items.every((n) => n.entityId === entityId)).toBe(true);
  return items.map((n) => n.type);
};

/**
 * A code of a cooperative in Cai Kinh, named by a contract of one enterprise and packed by a
 * facility of another; a third enterprise and an official of another commune have no link to it.
 */
async function world() {
  const cooperative = await fx.cooperative();
  const [buyer, packer, stranger] = [await fx.enterprise(), await fx.enterprise(), await fx.enterprise()];
  const users = {
    cooperative: await fx.user('cooperative', { cooperativeId: cooperative.id }),
    buyer: await fx.user('enterprise', { enterpriseId: buyer.id }),
    packer: await fx.user('enterprise', { enterpriseId: packer.id }),
    stranger: await fx.user('enterprise', { enterpriseId: stranger.id }),
    communeOfficial: await fx.user('official', { communeCode: '06427' }),
    otherCommune: await fx.user('official', { communeCode: '06463' }),
  };
  const code = (
    await as(official)
      .post('/api/v1/growing-areas', {
        code: nextCode(),
        kind: 'export',
        markets: ['CN'],
        productCode: 'custard-apple',
        areaHa: 5,
        communeCode: '06427',
        cooperativeId: cooperative.id,
        issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
        issuedOn: '2026-06-01',
      })
      .expect(201)
  ).body;
  await as(official)
    .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'active', reason: 'cấp mã' })
    .expect(200);
  const facility = (
    await as(official)
      .post('/api/v1/packing-facilities', {
        code: nextCode(),
        name: 'Cơ sở đóng gói thử',
        communeCode: '06427',
        operatorEnterpriseId: packer.id,
        productCodes: ['custard-apple'],
        markets: ['CN'],
        capacityTonnesPerDay: 10,
        issuedOn: '2026-06-01',
      })
      .expect(201)
  ).body;
  await as(official).post(`/api/v1/packing-facilities/${facility.id}/sources/${code.id}`).expect(201);
  await as(users.buyer)
    .post('/api/v1/contracts', {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume: 100,
      unit: 'kg',
      priceVndPerUnit: 20000,
      deliveryFrom: '2030-08-01',
      deliveryTo: '2030-08-31',
      sourceGrowingAreaIds: [code.id],
    })
    .expect(201);
  return { code, users };
}

describe('notifications', () => {
  it('a suspended code reaches its cooperative, contract and facility enterprises and commune officials — nobody else', async () => {
    const { code, users } = await world();
    await as(official)
      .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'suspended', reason: 'Dư lượng vượt ngưỡng' })
      .expect(200);
    await drain();
    for (const user of [users.cooperative, users.buyer, users.packer, users.communeOfficial, official]) {
      expect(await typesFor(user, code.id)).toContain('code.suspended');
    }
    for (const user of [users.stranger, users.otherCommune]) {
      expect(await typesFor(user, code.id)).toEqual([]);
    }
    const [note] = (await inbox(users.buyer, `&entityId=${code.id}`)).items.filter(
      (n) => n.type === 'code.suspended' && n.entityId === code.id,
    );
    expect(note.title).toBe(`Mã số vùng trồng ${code.code} bị tạm dừng`);
  });

  it('respects each person’s choices, and delivers an event once however often it is relayed', async () => {
    const { code, users } = await world();
    await as(users.buyer)
      .put('/api/v1/notification-preferences', {
        preferences: [{ eventType: 'code.suspended', channel: 'in-app', enabled: false }],
      })
      .expect(200);
    const prefs = (await as(users.buyer).get('/api/v1/notification-preferences').expect(200)).body;
    expect(prefs).toContainEqual({ eventType: 'code.suspended', channel: 'in-app', enabled: false });
    await as(official)
      .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'suspended', reason: 'vi phạm' })
      .expect(200);
    await drain();
    expect(await typesFor(users.buyer, code.id)).not.toContain('code.suspended');
    expect(await typesFor(users.cooperative, code.id)).toContain('code.suspended');

    // The same event handed over again (a retried job, a second relay): nothing new.
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .findBy({ aggregateId: code.id, type: 'code.suspended' });
    await app.get(DataSource).transaction((em) => app.get(NotificationDispatcher).dispatch(em, events));
    await drain();
    const suspensions = (await typesFor(users.cooperative, code.id)).filter((t) => t === 'code.suspended');
    expect(suspensions).toHaveLength(1);
  });

  it('keeps an inbox per person: unread count, read one, read all; another’s notification is 404', async () => {
    const { code, users } = await world();
    await drain();
    await as(users.cooperative).post('/api/v1/notifications/read-all').expect(200); // the code's activation
    await as(official)
      .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'suspended', reason: 'x' })
      .expect(200);
    await as(official)
      .post(`/api/v1/growing-areas/${code.id}/status`, { to: 'active', reason: 'y' })
      .expect(200);
    await drain();
    const before = await inbox(users.cooperative, '&unread=true');
    expect(before.unreadCount).toBe(2);
    expect(before.items.map((n) => n.type).sort()).toEqual(['code.reinstated', 'code.suspended']);
    await as(users.stranger).post(`/api/v1/notifications/${before.items[0].id}/read`).expect(404);
    const read = await as(users.cooperative)
      .post(`/api/v1/notifications/${before.items[0].id}/read`)
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await inbox(users.cooperative)).unreadCount).toBe(1);
    expect((await as(users.cooperative).post('/api/v1/notifications/read-all').expect(200)).body).toEqual({
      marked: 1,
    });
    expect((await inbox(users.cooperative)).unreadCount).toBe(0);
    await as(users.cooperative)
      .put('/api/v1/notification-preferences', {
        preferences: [{ eventType: 'no.such', channel: 'in-app', enabled: false }],
      })
      .expect(400);
  });
});
