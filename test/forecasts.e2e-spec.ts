import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
let admin: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  [official, admin] = [await fx.user('official'), await fx.user('admin')];
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
let serial = 0;
const code = () =>
  `VN-FC-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`;

/** An active code of the product, managed by the cooperative when one is given. */
async function activeCode(productCode: string, areaHa: number, cooperativeId?: string): Promise<string> {
  const created = await as(official)
    .post('/api/v1/growing-areas', {
      code: code(),
      kind: 'domestic',
      productCode,
      areaHa,
      communeCode: '06427',
      cooperativeId,
      issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
      issuedOn: '2026-01-05',
    })
    .expect(201);
  await as(official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'active', reason: 'cấp mã' })
    .expect(200);
  return created.body.id;
}

describe('forecasts and harvests', () => {
  it('records forecasts of the code’s product, warns outside the season, and shows the harvest against each', async () => {
    const cooperative = await fx.cooperative();
    const coop = await fx.user('cooperative', { cooperativeId: cooperative.id });
    const id = await activeCode('custard-apple', 4, cooperative.id);
    const inSeason = await as(coop)
      .post(`/api/v1/growing-areas/${id}/forecasts`, {
        productCode: 'custard-apple',
        periodStart: '2026-08-01',
        periodEnd: '2026-09-30',
        volume: 40000,
      })
      .expect(201);
    expect(inSeason.body).toMatchObject({ volume: 40000, harvestedVolume: 0, warning: null });
    const offSeason = await as(coop)
      .post(`/api/v1/growing-areas/${id}/forecasts`, {
        productCode: 'custard-apple',
        periodStart: '2026-03-01',
        periodEnd: '2026-04-30',
        volume: 1000,
      })
      .expect(201);
    expect(offSeason.body.warning).toContain('8, 9');

    await as(coop)
      .post(`/api/v1/growing-areas/${id}/harvests`, { harvestedOn: '2026-08-20', volume: 12000 })
      .expect(201);
    await as(coop)
      .post(`/api/v1/growing-areas/${id}/harvests`, { harvestedOn: '2026-09-02', volume: 9500.5 })
      .expect(201);
    await as(coop)
      .post(`/api/v1/growing-areas/${id}/harvests`, { harvestedOn: '2026-10-15', volume: 300 })
      .expect(201);
    const list = await as(official).get(`/api/v1/growing-areas/${id}/forecasts?sort=periodStart`).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((f: { harvestedVolume: number }) => f.harvestedVolume)).toEqual([0, 21500.5]);
    expect((await as(official).get(`/api/v1/growing-areas/${id}/harvests`).expect(200)).body.total).toBe(3);
  });

  it('refuses bad periods, volumes and products with the field or the reason named; other cooperatives get 404', async () => {
    const cooperative = await fx.cooperative();
    const id = await activeCode('persimmon', 3, cooperative.id);
    const body = {
      productCode: 'persimmon',
      periodStart: '2026-09-01',
      periodEnd: '2026-10-31',
      volume: 500,
    };
    const backwards = await as(official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, { ...body, periodEnd: '2026-08-31' })
      .expect(400);
    expect(backwards.body.details).toEqual([expect.objectContaining({ field: 'periodEnd' })]);
    const negative = await as(official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, { ...body, volume: -5 })
      .expect(400);
    expect(negative.body.details[0].field).toBe('volume');
    const wrong = await as(official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, { ...body, productCode: 'chestnut' })
      .expect(422);
    expect(wrong.body.message).toContain('persimmon');
    await as(official)
      .post(`/api/v1/growing-areas/${id}/harvests`, { harvestedOn: '2099-01-01', volume: 5 })
      .expect(422);
    const stranger = await fx.user('cooperative');
    await as(stranger).post(`/api/v1/growing-areas/${id}/forecasts`, body).expect(404);
    await as(stranger).get(`/api/v1/growing-areas/${id}/forecasts`).expect(404);
    const enterprise = await fx.user('enterprise');
    await as(enterprise).post(`/api/v1/growing-areas/${id}/forecasts`, body).expect(403);
  });

  it('flags a code whose harvests exceed area × typical yield × 1.2, once per year', async () => {
    // grass jelly: 5,300 kg/ha → 2 ha hold 12,720 kg with the tolerance.
    const over = await activeCode('grass-jelly', 2);
    const within = await activeCode('grass-jelly', 2);
    await as(official)
      .post(`/api/v1/growing-areas/${over}/harvests`, { harvestedOn: '2025-07-20', volume: 9000 })
      .expect(201);
    await as(official)
      .post(`/api/v1/growing-areas/${over}/harvests`, { harvestedOn: '2025-08-05', volume: 4000 })
      .expect(201);
    await as(official)
      .post(`/api/v1/growing-areas/${within}/harvests`, { harvestedOn: '2025-07-20', volume: 12000 })
      .expect(201);
    const first = await as(admin).post('/api/v1/scans/capacity', { today: '2025-12-31' }).expect(200);
    expect(first.body.announced).toBeGreaterThanOrEqual(1);
    const again = await as(admin).post('/api/v1/scans/capacity', { today: '2025-12-31' }).expect(200);
    expect(again.body.announced).toBe(0);
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({
        where: [
          { type: 'code.volume_exceeds_capacity', aggregateId: over },
          { type: 'code.volume_exceeds_capacity', aggregateId: within },
        ],
      });
    expect(events.map((e) => e.aggregateId)).toEqual([over]);
    expect(events[0].payload).toMatchObject({ year: 2025, harvested: 13000, capacity: 10600 });
  });
  it('flags a code whose contracted volume exceeds its capacity', async () => {
    const cooperative = await fx.cooperative();
    const enterprise = await fx.enterprise();
    const id = await activeCode('grass-jelly', 1, cooperative.id); // holds 6,360 kg with the tolerance
    await as(official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, {
        productCode: 'grass-jelly',
        periodStart: '2033-07-01',
        periodEnd: '2033-08-31',
        volume: 8000,
      })
      .expect(201);
    const contract = await as(official)
      .post('/api/v1/contracts', {
        enterpriseId: enterprise.id,
        cooperativeId: cooperative.id,
        productCode: 'grass-jelly',
        volume: 7000,
        unit: 'kg',
        priceVndPerUnit: 30000,
        deliveryFrom: '2033-07-01',
        deliveryTo: '2033-08-31',
        sourceGrowingAreaIds: [id],
      })
      .expect(201);
    await as(official).post(`/api/v1/contracts/${contract.body.id}/status`, { to: 'active' }).expect(200);
    await as(admin).post('/api/v1/scans/capacity', { today: '2033-12-31' }).expect(200);
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({ where: { type: 'code.volume_exceeds_capacity', aggregateId: id } });
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ contracted: 7000, harvested: 0, capacity: 5300 }),
    ]);
  });
});
