import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';
import { downloadSheet } from './support/sheets';

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
let serial = 0;
const nextCode = () =>
  `VN-CS-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`;

/** An active export custard-apple code for CN, managed by the cooperative. */
async function activeCode(cooperativeId: string): Promise<{ id: string; code: string }> {
  const code = nextCode();
  const created = await as(official)
    .post('/api/v1/growing-areas', {
      code,
      kind: 'export',
      markets: ['CN'],
      productCode: 'custard-apple',
      areaHa: 10,
      communeCode: '06427',
      cooperativeId,
      issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
      issuedOn: '2026-06-01',
    })
    .expect(201);
  await as(official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'active', reason: 'cấp mã' })
    .expect(200);
  return { id: created.body.id, code };
}

/**
 * A cooperative with two CN codes packed by an active CN facility, forecasts for Aug–Sep 2030:
 * A 6,100 kg over 61 days (3,100 in August, 3,000 in September), B 3,100 kg in August.
 */
async function chain() {
  const cooperative = await fx.cooperative();
  const enterprise = await fx.enterprise();
  const buyer = await fx.user('enterprise', { enterpriseId: enterprise.id });
  const [a, b] = [await activeCode(cooperative.id), await activeCode(cooperative.id)];
  const facility = await as(official)
    .post('/api/v1/packing-facilities', {
      code: nextCode(),
      name: 'Cơ sở đóng gói na Cai Kinh',
      communeCode: '06427',
      operatorCooperativeId: cooperative.id,
      productCodes: ['custard-apple'],
      markets: ['CN'],
      capacityTonnesPerDay: 20,
      issuedOn: '2026-06-01',
    })
    .expect(201);
  await as(official)
    .post(`/api/v1/packing-facilities/${facility.body.id}/status`, { to: 'active', reason: 'đạt' })
    .expect(200);
  for (const code of [a, b]) {
    await as(official).post(`/api/v1/packing-facilities/${facility.body.id}/sources/${code.id}`).expect(201);
  }
  await as(official)
    .post(`/api/v1/growing-areas/${a.id}/forecasts`, {
      productCode: 'custard-apple',
      periodStart: '2030-08-01',
      periodEnd: '2030-09-30',
      volume: 6100,
    })
    .expect(201);
  await as(official)
    .post(`/api/v1/growing-areas/${b.id}/forecasts`, {
      productCode: 'custard-apple',
      periodStart: '2030-08-01',
      periodEnd: '2030-08-31',
      volume: 3100,
    })
    .expect(201);
  const contract = (volume: number, from = '2030-08-01', to = '2030-08-31') =>
    as(buyer).post('/api/v1/contracts', {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume,
      unit: 'kg',
      priceVndPerUnit: 25000,
      deliveryFrom: from,
      deliveryTo: to,
      sourceGrowingAreaIds: [a.id, b.id],
    });
  const supply = () =>
    as(buyer)
      .get(
        `/api/v1/supply?product=custard-apple&market=CN&from=2030-08-01&to=2030-09-30&granularity=month&cooperativeId=${cooperative.id}`,
      )
      .expect(200);
  return { cooperative, enterprise, buyer, a, b, contract, supply };
}

describe('contracts and supply', () => {
  it('adds up supply by hand, commits on activation, refuses a shortfall, and follows a suspension', async () => {
    const { buyer, a, b, contract, supply } = await chain();
    const before = await supply();
    expect(before.body.totals).toEqual({ forecast: 9200, committed: 0, available: 9200 });
    expect(before.body.periods).toEqual([
      { start: '2030-08-01', end: '2030-08-31', forecast: 6200, committed: 0, available: 6200 },
      { start: '2030-09-01', end: '2030-09-30', forecast: 3000, committed: 0, available: 3000 },
    ]);

    const first = (await contract(5000).expect(201)).body;
    expect(first.status).toBe('draft');
    const active = await as(buyer).post(`/api/v1/contracts/${first.id}/status`, { to: 'active' }).expect(200);
    const committed = active.body.sources.map((s: { committedVolume: number }) => s.committedVolume).sort();
    expect(committed).toEqual([1900, 3100]);
    const after = await supply();
    expect(after.body.totals).toEqual({ forecast: 9200, committed: 5000, available: 4200 });
    expect(after.body.periods[0]).toMatchObject({ forecast: 6200, committed: 5000, available: 1200 });

    const second = (await contract(1500).expect(201)).body;
    const refused = await as(buyer)
      .post(`/api/v1/contracts/${second.id}/status`, { to: 'active' })
      .expect(409);
    expect(refused.body).toMatchObject({ available: 1200, shortfall: 300 });

    // Suspending B: its forecast and commitments leave the totals; the contract is flagged at risk.
    await as(official)
      .post(`/api/v1/growing-areas/${b.id}/status`, { to: 'suspended', reason: 'vi phạm' })
      .expect(200);
    const flagged = await as(buyer).get(`/api/v1/contracts/${first.id}`).expect(200);
    expect(flagged.body.sourceAtRisk).toBe(true);
    const onA = flagged.body.sources.find(
      (s: { growingAreaId: string }) => s.growingAreaId === a.id,
    ).committedVolume;
    const suspended = await supply();
    expect(suspended.body.totals).toEqual({ forecast: 6100, committed: onA, available: 6100 - onA });
    expect(suspended.body.sources.map((s: { growingAreaId: string }) => s.growingAreaId)).toEqual([a.id]);
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({ where: { aggregateId: first.id } });
    expect(events.map((e) => e.type).sort()).toEqual([
      'contract.activated',
      'contract.source_at_risk',
      'supply.shortfall',
    ]);
    await as(official)
      .post(`/api/v1/growing-areas/${b.id}/status`, { to: 'active', reason: 'khắc phục' })
      .expect(200);
    expect((await as(buyer).get(`/api/v1/contracts/${first.id}`).expect(200)).body.sourceAtRisk).toBe(false);
  });

  it('never over-commits: parallel activations over the same codes leave the forecast covered', async () => {
    const { buyer, contract, supply } = await chain();
    const drafts = [];
    for (let i = 0; i < 10; i++) drafts.push((await contract(2000).expect(201)).body.id);
    const results = await Promise.all(
      drafts.map((id) => as(buyer).post(`/api/v1/contracts/${id}/status`, { to: 'active' })),
    );
    const statuses = results.map((r) => r.status).sort();
    // August holds 6,200 kg: three contracts of 2,000 fit, the fourth would not.
    expect(statuses).toEqual([200, 200, 200, 409, 409, 409, 409, 409, 409, 409]);
    const totals = (await supply()).body.totals;
    expect(totals.committed).toBe(6000);
    expect(totals.available).toBe(3200);
  });

  it('refuses bad contracts with the field named, and sources that do not qualify', async () => {
    const { cooperative, buyer, a, contract } = await chain();
    const base = {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume: 100,
      unit: 'kg',
      priceVndPerUnit: 20000,
      deliveryFrom: '2030-08-01',
      deliveryTo: '2030-08-31',
      sourceGrowingAreaIds: [a.id],
    };
    const field = async (body: object, status: number) =>
      (await as(buyer).post('/api/v1/contracts', body).expect(status)).body.details?.[0]?.field;
    const household = await fx.cooperative(); // any uuid that exists as a cooperative is not a household
    expect(await field({ ...base, householdId: household.id }, 400)).toBe('cooperativeId');
    expect(await field({ ...base, deliveryTo: '2030-07-01' }, 400)).toBe('deliveryTo');
    expect(await field({ ...base, volume: -1 }, 400)).toBe('volume');
    expect(await field({ ...base, floorPriceVndPerUnit: 15000 }, 400)).toBe('priceVndPerUnit');
    await as(buyer)
      .post('/api/v1/contracts', { ...base, productCode: 'no-such-product' })
      .expect(422);
    // A code of another cooperative cannot supply this contract.
    const other = await activeCode((await fx.cooperative()).id);
    const foreign = (
      await as(buyer)
        .post('/api/v1/contracts', { ...base, sourceGrowingAreaIds: [other.id] })
        .expect(201)
    ).body;
    const refused = await as(buyer)
      .post(`/api/v1/contracts/${foreign.id}/status`, { to: 'active' })
      .expect(422);
    expect(refused.body.message).toContain('not managed by the contracted cooperative');
    await as(buyer).post(`/api/v1/contracts/${foreign.id}/status`, { to: 'fulfilled' }).expect(409);
    expect((await contract(100).expect(201)).body.status).toBe('draft');
  });

  it('keeps contracts to their parties and shows enterprises no household data', async () => {
    const { buyer, contract } = await chain();
    const mine = (await contract(100).expect(201)).body;
    const stranger = await fx.user('enterprise');
    await as(stranger).get(`/api/v1/contracts/${mine.id}`).expect(404);
    const listed = await as(stranger).get('/api/v1/contracts?limit=200').expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(mine.id);
    const supply = await as(buyer)
      .get('/api/v1/supply?product=custard-apple&from=2030-08-01&to=2030-08-31')
      .expect(200);
    for (const body of [supply.body, (await as(buyer).get(`/api/v1/contracts/${mine.id}`)).body]) {
      expect(JSON.stringify(body)).not.toMatch(/headName|nationalId|"phone"|birthYear/);
    }
    const coop = await fx.user('cooperative');
    await as(coop).post('/api/v1/contracts', {}).expect(403);
    const bad = async (query: string, status: number) =>
      (await as(buyer).get(`/api/v1/supply?${query}`).expect(status)).body.details?.[0]?.field;
    expect(await bad('product=custard-apple&from=2030-08-01&to=2030-08-31&market=XX', 400)).toBe('market');
    expect(await bad('product=custard-apple&from=2030-08-31&to=2030-08-01', 400)).toBe('to');
    expect(await bad('product=custard-apple&from=2030-02-30&to=2030-08-01', 400)).toBe('from');
    expect(await bad('from=2030-08-01&to=2030-08-31', 400)).toBe('product');
    await as(buyer).get('/api/v1/supply?product=no-such-product&from=2030-08-01&to=2030-08-31').expect(422);
  });
  it('announces a contract ending soon once, and expires it after its window', async () => {
    const { buyer, contract } = await chain();
    const admin = await fx.user('admin');
    const id = (await contract(1000).expect(201)).body.id;
    await as(buyer).post(`/api/v1/contracts/${id}/status`, { to: 'active' }).expect(200);
    for (let i = 0; i < 2; i++)
      await as(admin).post('/api/v1/scans/contracts', { today: '2030-08-15' }).expect(200);
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({ where: { aggregateId: id, type: 'contract.expiring' } });
    expect(events).toHaveLength(1);
    const after = await as(admin).post('/api/v1/scans/contracts', { today: '2030-09-05' }).expect(200);
    expect(after.body.expired).toBeGreaterThanOrEqual(1);
    expect((await as(buyer).get(`/api/v1/contracts/${id}`).expect(200)).body.status).toBe('expired');
  });
  it('exports the caller’s contracts and codes as .xlsx', async () => {
    const { cooperative, buyer, a, contract } = await chain();
    const mine = (await contract(100).expect(201)).body.id;
    const contracts = await downloadSheet(app, buyer, '/api/v1/exports/contracts.xlsx');
    expect(contracts[0]).toEqual(expect.arrayContaining(['Mã hợp đồng', 'Sản phẩm', 'Trạng thái']));
    expect(contracts.slice(1).map((r) => r[0])).toEqual([mine]);
    const staff = await fx.user('cooperative', { cooperativeId: cooperative.id });
    const codes = await downloadSheet(app, staff, '/api/v1/exports/growing-areas.xlsx');
    expect(codes.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining([a.code]));
    expect(codes.slice(1)).toHaveLength(2);
    expect(codes[1]).toEqual(expect.arrayContaining(['xuất khẩu', 'CN', 'hiệu lực']));
  });
});
