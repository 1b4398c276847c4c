import { INestApplication } from '@nestjs/common';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { cccdFor, householdBody } from './support/households';

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
let codeSerial = 0;
/** An export code of 5 ha for custard apple in Cai Kinh; returns its id. */
const growingArea = async (): Promise<string> =>
  (
    await as(official)
      .post('/api/v1/growing-areas', {
        code: `VN-MERGE-${String(Date.now() % 10000).padStart(4, '0')}${String(codeSerial++ % 100).padStart(2, '0')}`,
        kind: 'export',
        markets: ['CN'],
        productCode: 'custard-apple',
        areaHa: 5,
        communeCode: '06427',
        issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
        issuedOn: '2026-01-10',
      })
      .expect(201)
  ).body.id;
const support = (overrides: object = {}) => ({
  programme: '1719',
  kind: 'seedlings',
  valueVnd: 12_500_000,
  supportedOn: '2026-04-10',
  reference: 'QĐ 123/QĐ-UBND',
  ...overrides,
});

/** A village of its own per test, so planted duplicates only meet each other. */
const village = () => `Thôn Thử ${unique()}`;

describe('double-support check', () => {
  it('refuses the same programme for the same purpose in the same year (409 listing the conflict)', async () => {
    const coop = await fx.user('cooperative');
    const h = (
      await as(coop)
        .post('/api/v1/households', householdBody({ village: village() }))
        .expect(201)
    ).body;
    const first = await as(coop).post(`/api/v1/households/${h.id}/support`, support()).expect(201);
    const refused = await as(coop)
      .post(`/api/v1/households/${h.id}/support`, support({ supportedOn: '2026-09-01' }))
      .expect(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      conflicts: [expect.objectContaining({ id: first.body.id })],
    });
    // Another year, another purpose, or another programme is allowed by the default rules.
    await as(coop)
      .post(`/api/v1/households/${h.id}/support`, support({ supportedOn: '2027-04-10' }))
      .expect(201);
    await as(coop)
      .post(`/api/v1/households/${h.id}/support`, support({ kind: 'training' }))
      .expect(201);
    await as(coop)
      .post(`/api/v1/households/${h.id}/support`, support({ programme: 'ntm' }))
      .expect(201);
  });

  it('lets an official override with a reason, audited; cooperative staff may not override', async () => {
    const coop = await fx.user('cooperative');
    const h = (
      await as(coop)
        .post('/api/v1/households', householdBody({ village: village() }))
        .expect(201)
    ).body;
    await as(coop).post(`/api/v1/households/${h.id}/support`, support()).expect(201);
    const override = { reason: 'Thiệt hại do lũ, bổ sung giống' };
    await as(coop).post(`/api/v1/households/${h.id}/support`, support({ override })).expect(403);
    const ok = await as(official)
      .post(`/api/v1/households/${h.id}/support`, support({ override }))
      .expect(201);
    expect(ok.body.overrideReason).toBe(override.reason);
    const audit = await as(official).get(`/api/v1/audit?entity=household&entityId=${h.id}`).expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'support.override', reason: override.reason }),
      ]),
    );
  });

  it('catches support given to a probable duplicate of the household', async () => {
    const coop = await fx.user('cooperative');
    const v = village();
    const a = (
      await as(coop)
        .post('/api/v1/households', householdBody({ headName: 'Hoàng Văn Thụ', village: v }))
        .expect(201)
    ).body;
    const b = (
      await as(coop)
        .post('/api/v1/households', householdBody({ headName: 'Hoang Van Thu', village: v }))
        .expect(201)
    ).body;
    await as(coop).post(`/api/v1/households/${a.id}/support`, support()).expect(201);
    const refused = await as(coop).post(`/api/v1/households/${b.id}/support`, support()).expect(409);
    expect(refused.body.conflicts[0].householdId).toBe(a.id);
  });

  it('follows the editable rules table', async () => {
    const coop = await fx.user('cooperative');
    const h = (
      await as(coop)
        .post('/api/v1/households', householdBody({ village: village() }))
        .expect(201)
    ).body;
    const original = (await as(official).get('/api/v1/integrity/allowed-combinations').expect(200)).body;
    expect(original).toEqual(
      expect.arrayContaining([
        { existingProgramme: '1719', newProgramme: '1719', kind: '*', allowed: false },
      ]),
    );
    try {
      const rules = [
        ...original,
        { existingProgramme: 'ntm', newProgramme: '1719', kind: 'cash', allowed: false },
      ];
      await as(official).put('/api/v1/integrity/allowed-combinations', { rules }).expect(200);
      await as(coop)
        .post(`/api/v1/households/${h.id}/support`, support({ programme: 'ntm', kind: 'cash' }))
        .expect(201);
      await as(coop)
        .post(`/api/v1/households/${h.id}/support`, support({ programme: '1719', kind: 'cash' }))
        .expect(409);
      await as(official)
        .put('/api/v1/integrity/allowed-combinations', { rules: [...rules, rules[rules.length - 1]] })
        .expect(422);
      await as(coop).put('/api/v1/integrity/allowed-combinations', { rules }).expect(403);
    } finally {
      await as(official).put('/api/v1/integrity/allowed-combinations', { rules: original }).expect(200);
    }
  });

  it('lists support across households within scope, filtered by programme and year', async () => {
    const [mine, theirs] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const h1 = (
      await as(mine)
        .post('/api/v1/households', householdBody({ village: village() }))
        .expect(201)
    ).body;
    const h2 = (
      await as(theirs)
        .post('/api/v1/households', householdBody({ village: village() }))
        .expect(201)
    ).body;
    await as(mine)
      .post(`/api/v1/households/${h1.id}/support`, support({ programme: 'giam-ngheo' }))
      .expect(201);
    await as(theirs)
      .post(`/api/v1/households/${h2.id}/support`, support({ programme: 'giam-ngheo' }))
      .expect(201);
    const res = await as(mine).get('/api/v1/support?programme=giam-ngheo&year=2026&limit=200').expect(200);
    const households = res.body.items.map((s: { householdId: string }) => s.householdId);
    expect(households).toContain(h1.id);
    expect(households).not.toContain(h2.id);
    await as(mine).get(`/api/v1/households/${h2.id}/support`).expect(404);
  });
});

describe('probable duplicates', () => {
  it('finds "Hoàng Văn Thụ" / "Hoang Van Thu" / "Hoàng Văn Thu" of one birth year and village, not a different year', async () => {
    const coop = await fx.user('cooperative');
    const v = village();
    const ids: string[] = [];
    for (const headName of ['Hoàng Văn Thụ', 'Hoang Van Thu', 'Hoàng Văn Thu', 'Hoàng Văn Thự']) {
      ids.push(
        (
          await as(coop)
            .post('/api/v1/households', householdBody({ headName, village: v }))
            .expect(201)
        ).body.id,
      );
    }
    const otherYear = (
      await as(coop)
        .post(
          '/api/v1/households',
          householdBody({
            headName: 'Hoàng Văn Thụ',
            village: v,
            birthYear: 1986,
            nationalId: cccdFor(1986, 'male'),
          }),
        )
        .expect(201)
    ).body.id;
    const pairs = await openPairsAmong(ids.concat(otherYear));
    expect(pairs).toHaveLength(6); // every two of the four, and none with the 1986 one
    for (const p of pairs) {
      expect(p.matchedFields).toEqual(expect.arrayContaining(['birthYear', 'communeCode', 'village']));
      expect(p.score).toBeGreaterThanOrEqual(85);
      expect(p.a.nationalId).toMatch(/^\d{6}\*{6}$/);
    }
  });

  it('merge moves memberships and support to the kept household in one go; dismiss is remembered', async () => {
    const [c1, c2] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const v = village();
    const keep = (
      await as(c1)
        .post('/api/v1/households', householdBody({ headName: 'Nông Thị Mai', gender: 'female', village: v }))
        .expect(201)
    ).body;
    const dup = (
      await as(c2)
        .post('/api/v1/households', householdBody({ headName: 'Nong Thi Mai', gender: 'female', village: v }))
        .expect(201)
    ).body;
    const s = await as(c2)
      .post(`/api/v1/households/${dup.id}/support`, support({ kind: 'livestock' }))
      .expect(201);
    // Plots move too: two plots in one code become one with both areas.
    const [code1, code2] = [await growingArea(), await growingArea()];
    await as(official)
      .post(`/api/v1/growing-areas/${code1}/plots`, { householdId: keep.id, areaHa: 1 })
      .expect(201);
    await as(official)
      .post(`/api/v1/growing-areas/${code1}/plots`, { householdId: dup.id, areaHa: 1.5 })
      .expect(201);
    await as(official)
      .post(`/api/v1/growing-areas/${code2}/plots`, { householdId: dup.id, areaHa: 0.4 })
      .expect(201);
    const [pair] = await openPairsAmong([keep.id, dup.id]);
    const merged = await as(official)
      .post(`/api/v1/integrity/duplicates/${pair.id}/merge`, { keepHouseholdId: keep.id })
      .expect(200);
    expect(merged.body.status).toBe('merged');
    await as(official).get(`/api/v1/households/${dup.id}`).expect(404);
    // c2's membership and the support record now belong to the kept household.
    await as(c2).get(`/api/v1/households/${keep.id}`).expect(200);
    const moved = await as(official).get(`/api/v1/households/${keep.id}/support`).expect(200);
    expect(moved.body.items.map((r: { id: string }) => r.id)).toEqual([s.body.id]);
    for (const [code, areaHa] of [
      [code1, 2.5],
      [code2, 0.4],
    ] as const) {
      const plots = await as(official).get(`/api/v1/growing-areas/${code}/plots`).expect(200);
      expect(plots.body.items).toEqual([expect.objectContaining({ householdId: keep.id, areaHa })]);
    }
    await as(official)
      .post(`/api/v1/integrity/duplicates/${pair.id}/merge`, { keepHouseholdId: keep.id })
      .expect(409);

    const x = (
      await as(c1)
        .post(
          '/api/v1/households',
          householdBody({
            headName: 'Lý Văn Hùng',
            village: v,
            birthYear: 1970,
            nationalId: cccdFor(1970, 'male'),
          }),
        )
        .expect(201)
    ).body;
    const y = (
      await as(c1)
        .post(
          '/api/v1/households',
          householdBody({
            headName: 'Ly Van Hung',
            village: v,
            birthYear: 1970,
            nationalId: cccdFor(1970, 'male'),
          }),
        )
        .expect(201)
    ).body;
    const [second] = await openPairsAmong([x.id, y.id]);
    await as(official)
      .post(`/api/v1/integrity/duplicates/${second.id}/dismiss`, { note: 'Hai anh em' })
      .expect(200);
    await as(admin).post('/api/v1/integrity/duplicates/scan').expect(200);
    expect(await openPairsAmong([x.id, y.id])).toEqual([]);
    await as(c1).get('/api/v1/integrity/duplicates').expect(403);
  });
});

interface Pair {
  id: string;
  score: number;
  matchedFields: string[];
  a: { id: string; nationalId: string };
  b: { id: string };
}

async function openPairsAmong(ids: string[]): Promise<Pair[]> {
  const pairs = new Map<string, Pair>();
  for (const id of ids) {
    const res = await as(official)
      .get(`/api/v1/integrity/duplicates?householdId=${id}&limit=200`)
      .expect(200);
    for (const p of res.body.items as Pair[])
      if (ids.includes(p.a.id) && ids.includes(p.b.id)) pairs.set(p.id, p);
  }
  return [...pairs.values()];
}

it('GET /integrity/duplicates?householdId= lists only the pairs of that household', async () => {
  const coop = await fx.user('cooperative');
  const register = async (headName: string, place: string) =>
    (
      await as(coop)
        .post('/api/v1/households', householdBody({ headName, village: place }))
        .expect(201)
    ).body.id as string;
  const here = village();
  const ids = [await register('Nông Văn Tài', here), await register('Nong Van Tai', here)];
  const elsewhere = village();
  await register('Lương Thị Hoa', elsewhere);
  await register('Luong Thi Hoa', elsewhere);
  const res = await as(official)
    .get(`/api/v1/integrity/duplicates?householdId=${ids[0]}&limit=200`)
    .expect(200);
  expect(res.body.items.length).toBeGreaterThanOrEqual(1);
  for (const pair of res.body.items as Array<{ a: { id: string }; b: { id: string } }>) {
    expect([pair.a.id, pair.b.id]).toContain(ids[0]);
  }
});
