import { INestApplication } from '@nestjs/common';
import { createTestApp } from './support/app';
import {
  certificateApi,
  codeSeries,
  eventsOf,
  facilityBody,
  growingAreaBody,
  plusDays,
  plusMonths,
  vnToday,
} from './support/certificates';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

/**
 * Packing facilities (SPEC §2): registration, the shared lifecycle and inspections, list filters,
 * the sourcing rule, and the cascade from a code's suspension or revocation to every facility
 * packing from it. Every test makes its own facilities and codes under prefixes of its own.
 */
let app: INestApplication;
let fx: Fixtures;
let admin: TestUser;
let official: TestUser;
let inspector: TestUser;
let facilities: ReturnType<typeof certificateApi>;
let codes: ReturnType<typeof certificateApi>;
let cooperativeId: string;
let enterpriseId: string;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  [admin, official, inspector] = [
    await fx.user('admin'),
    await fx.user('official'),
    await fx.user('inspector'),
  ];
  facilities = certificateApi(app, 'packing-facilities');
  codes = certificateApi(app, 'growing-areas');
  cooperativeId = (await fx.cooperative()).id;
  enterpriseId = (await fx.enterprise()).id;
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const URL = '/api/v1/packing-facilities';

/** A facility of the cooperative operator, through the API. */
const facility = (code: string, overrides: Record<string, unknown> = {}) =>
  facilities.create(official, facilityBody(code, { operatorCooperativeId: cooperativeId, ...overrides }));

/** An active growing-area code (export to CN, custard apple unless told). */
async function activeCode(code: string, overrides: Record<string, unknown> = {}) {
  const row = await codes.create(official, growingAreaBody(code, overrides));
  await codes.moveTo(official, row.id, 'active');
  return row;
}

const sourcesOf = async (facilityId: string) =>
  (await as(official).get(`${URL}/${facilityId}/sources`).expect(200)).body as Array<{
    growingAreaId: string;
    code: string;
    status: string;
    atRisk: boolean;
    atRiskReason: string | null;
  }>;

const atRiskOf = async (facilityId: string): Promise<boolean> =>
  (await as(official).get(`${URL}/${facilityId}`).expect(200)).body.atRisk;

describe('registration', () => {
  it('derives the kind from the markets and the first due date from the kind', async () => {
    const series = codeSeries();
    const exp = await facility(series.next(), { markets: ['vn', 'CN'], issuedOn: '2026-08-31' });
    expect(exp).toMatchObject({
      kind: 'export',
      markets: ['CN', 'VN'],
      productCodes: ['custard-apple'],
      status: 'pending',
      operatorCooperativeId: cooperativeId,
      operatorEnterpriseId: null,
      nextInspectionDue: '2027-02-28',
      atRisk: false,
      version: 1,
    });
    const dom = await facility(series.next(), {
      markets: ['VN'],
      operatorCooperativeId: undefined,
      operatorEnterpriseId: enterpriseId,
      issuedOn: '2026-08-31',
    });
    expect(dom).toMatchObject({
      kind: 'domestic',
      operatorEnterpriseId: enterpriseId,
      nextInspectionDue: '2027-08-31',
    });
    expect(await facilities.codes(official, series.prefix)).toEqual([exp.code, dom.code].sort());
  });

  it('refuses a bad code, zero or two operators (400), a duplicate (409) and an unknown product (422)', async () => {
    const series = codeSeries();
    const code = series.next();
    await facility(code);
    const bad = await as(official)
      .post(URL, facilityBody('VN-LS-1', { operatorCooperativeId: cooperativeId }))
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    for (const operators of [
      {},
      { operatorCooperativeId: cooperativeId, operatorEnterpriseId: enterpriseId },
    ]) {
      const res = await as(official).post(URL, facilityBody(series.next(), operators)).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'operatorCooperativeId' })]);
    }
    await as(official)
      .post(URL, facilityBody(code, { operatorEnterpriseId: enterpriseId }))
      .expect(409);
    await as(official)
      .post(
        URL,
        facilityBody(series.next(), { operatorCooperativeId: cooperativeId, productCodes: ['durian'] }),
      )
      .expect(422);
    expect(await facilities.codes(official, series.prefix)).toEqual([code]);
  });

  it('lets exactly one of 50 parallel registrations of one code win: one 201, 49 × 409, no 500', async () => {
    const code = codeSeries().next();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        as(official)
          .post(URL, facilityBody(code, { operatorCooperativeId: cooperativeId }))
          .then((r) => r.status),
      ),
    );
    const tally = statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
    expect(tally).toEqual({ 201: 1, 409: 49 });
  }, 60_000);
});

describe('status lifecycle', () => {
  it('walks the legal transitions with history and events, and refuses revoked → active with 409', async () => {
    const row = await facility(codeSeries().next());
    const steps: Array<[TestUser, string, string]> = [
      [official, 'active', 'Đủ điều kiện'],
      [inspector, 'suspended', 'Không đảm bảo vệ sinh'],
      [inspector, 'active', 'Đã khắc phục'],
      [admin, 'revoked', 'Ngừng hoạt động'],
    ];
    for (const [user, to, reason] of steps) {
      expect((await as(user).post(`${URL}/${row.id}/status`, { to, reason }).expect(200)).body.status).toBe(
        to,
      );
    }
    const refused = await as(official)
      .post(`${URL}/${row.id}/status`, { to: 'active', reason: 'Xin hoạt động lại' })
      .expect(409);
    expect(refused.body).toMatchObject({ currentStatus: 'revoked', allowedStatuses: [] });
    expect(refused.body.message).toContain('revoked');

    const history = await facilities.history(official, row.id);
    expect(
      history
        .filter((h) => h.action === 'status')
        .map((h) => [h.changes?.status.before, h.changes?.status.after, h.reason, h.actorUsername]),
    ).toEqual(
      expect.arrayContaining([
        ['pending', 'active', 'Đủ điều kiện', official.username],
        ['active', 'suspended', 'Không đảm bảo vệ sinh', inspector.username],
        ['suspended', 'active', 'Đã khắc phục', inspector.username],
        ['active', 'revoked', 'Ngừng hoạt động', admin.username],
      ]),
    );
    expect(history.filter((h) => h.action === 'status')).toHaveLength(4);
    expect((await eventsOf(app, [row.id])).map((e) => e.type).sort()).toEqual([
      'facility.activated',
      'facility.reinstated',
      'facility.revoked',
      'facility.suspended',
    ]);
  });

  it('refuses pending → suspended and suspended → pending with the allowed states', async () => {
    const row = await facility(codeSeries().next());
    const a = await as(official)
      .post(`${URL}/${row.id}/status`, { to: 'suspended', reason: 'x' })
      .expect(409);
    expect(a.body).toMatchObject({ currentStatus: 'pending', allowedStatuses: ['active', 'revoked'] });
    await facilities.moveTo(official, row.id, 'active', 'suspended');
    const b = await as(official).post(`${URL}/${row.id}/status`, { to: 'pending', reason: 'x' }).expect(409);
    expect(b.body).toMatchObject({ currentStatus: 'suspended', allowedStatuses: ['active', 'revoked'] });
  });
});

describe('inspections', () => {
  it('suspends in the same request on fail + suspend, and moves the schedule', async () => {
    const row = await facility(codeSeries().next(), { markets: ['VN'] });
    await facilities.moveTo(official, row.id, 'active');
    const inspectedOn = plusDays(vnToday(), -2);
    const res = await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn,
        inspector: 'Nông Văn Dũng',
        result: 'fail',
        findings: 'Khu sơ chế không đạt',
        suspend: true,
      })
      .expect(201);
    expect(res.body.packingFacility).toMatchObject({
      status: 'suspended',
      lastInspectedOn: inspectedOn,
      nextInspectionDue: plusMonths(inspectedOn, 12),
    });
    // Entries of one second may come in any order (SQLite keeps seconds): pick the suspension.
    const entry = (await facilities.history(official, row.id)).find(
      (h) => h.action === 'status' && h.changes?.status.after === 'suspended',
    );
    expect(entry).toMatchObject({
      reason: 'Khu sơ chế không đạt',
      changes: {
        status: { before: 'active', after: 'suspended' },
        inspectionId: { after: res.body.inspection.id },
      },
    });
    expect(await eventsOf(app, [row.id], ['facility.suspended'])).toHaveLength(1);
  });

  it('refuses suspend with a passing result and a future date (422)', async () => {
    const row = await facility(codeSeries().next());
    await facilities.moveTo(official, row.id, 'active');
    await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn: vnToday(),
        inspector: 'A',
        result: 'pass',
        suspend: true,
      })
      .expect(422);
    await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn: plusDays(vnToday(), 1),
        inspector: 'A',
        result: 'fail',
      })
      .expect(422);
    expect((await as(official).get(`${URL}/${row.id}/inspections`).expect(200)).body.total).toBe(0);
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.status).toBe('active');
  });
});

describe('list filters', () => {
  const series = codeSeries();
  const f: Record<string, string> = {};
  const today = vnToday();

  beforeAll(async () => {
    const make = async (name: string, overrides: Record<string, unknown>, ...statuses: string[]) => {
      const row = await facility(series.next(), overrides);
      await facilities.moveTo(official, row.id, ...statuses);
      f[name] = row.code;
      return row;
    };
    // Export, overdue since 2024-07-15, and at risk: its only source gets suspended below.
    const f1 = await make('f1', { markets: ['CN'], issuedOn: '2024-01-15' }, 'active');
    await make('f2', { markets: ['VN'], productCodes: ['persimmon', 'chestnut'], communeCode: '06196' });
    await make('f3', { markets: ['JP', 'VN'], issuedOn: plusDays(today, -10) }, 'active', 'suspended');
    // Domestic, overdue since 2026-02-01 (12 months).
    await make('f4', { markets: [], issuedOn: '2025-02-01' }, 'active');
    // Export, due in about 10 days.
    await make('f5', { markets: ['CN'], issuedOn: plusMonths(plusDays(today, 10), -6) }, 'active');

    const source = await activeCode(codeSeries().next());
    await as(official).post(`${URL}/${f1.id}/sources/${source.id}`).expect(201);
    await codes.moveTo(official, source.id, 'suspended');
  });

  const pick = (...names: string[]) => names.map((n) => f[n]).sort();

  it.each([
    ['status=active', ['f1', 'f4', 'f5']],
    ['status=pending', ['f2']],
    ['status=suspended', ['f3']],
    ['kind=export', ['f1', 'f3', 'f5']],
    ['kind=domestic', ['f2', 'f4']],
    ['market=CN', ['f1', 'f5']],
    ['market=VN', ['f2', 'f3']],
    ['market=jp', ['f3']],
    ['productCode=custard-apple', ['f1', 'f3', 'f4', 'f5']],
    ['productCode=chestnut', ['f2']],
    ['communeCode=06196', ['f2']],
    ['inspectionDueBefore=2026-02-02', ['f1', 'f4']],
    ['inspectionDueBefore=2026-02-01', ['f1']],
    ['overdue=true', ['f1', 'f4']],
    ['overdue=false', ['f2', 'f3', 'f5']],
    ['atRisk=true', ['f1']],
    ['atRisk=false', ['f2', 'f3', 'f4', 'f5']],
    ['status=active&kind=export&overdue=false', ['f5']],
  ])('%s lists exactly the matching facilities', async (query, expected) => {
    expect(await facilities.codes(official, series.prefix, query)).toEqual(pick(...expected));
  });

  it('flags due, overdue and at-risk facilities', async () => {
    const res = await as(official).get(`${URL}?search=${series.prefix}&limit=200`).expect(200);
    const flags = Object.fromEntries(
      res.body.items.map((i: { code: string; due: boolean; overdue: boolean; atRisk: boolean }) => [
        i.code,
        [i.due, i.overdue, i.atRisk],
      ]),
    );
    expect(flags).toEqual({
      [f.f1]: [false, true, true],
      [f.f2]: [false, false, false],
      [f.f3]: [false, false, false],
      [f.f4]: [false, true, false],
      [f.f5]: [true, false, false],
    });
  });
});

describe('sourcing rule', () => {
  it('refuses, with the reason, a code of another product, not active, domestic, or for no market served', async () => {
    const series = codeSeries();
    const exporter = await facility(series.next(), { markets: ['CN'], productCodes: ['custard-apple'] });
    const refusals: Array<[string, Record<string, unknown>, boolean, RegExp]> = [
      ['another product', { productCode: 'persimmon' }, true, /packs custard-apple, not persimmon/],
      ['a pending code', {}, false, /is pending; only active codes/],
      ['a domestic code', { kind: 'domestic' }, true, /export facility; code .* is domestic/],
      ['a code for other markets', { markets: ['JP', 'TH'] }, true, /lists markets JP, TH; .* serves CN/],
    ];
    for (const [what, overrides, activate, reason] of refusals) {
      const code = activate
        ? await activeCode(series.next(), overrides)
        : await codes.create(official, growingAreaBody(series.next(), overrides));
      const res = await as(official).post(`${URL}/${exporter.id}/sources/${code.id}`);
      expect([what, res.status]).toEqual([what, 422]);
      expect(res.body.message).toMatch(reason);
      expect(res.body.message).toContain(code.code);
    }
    // Suspended and revoked codes are not active either.
    const suspended = await activeCode(series.next());
    await codes.moveTo(official, suspended.id, 'suspended');
    expect(
      (await as(official).post(`${URL}/${exporter.id}/sources/${suspended.id}`).expect(422)).body.message,
    ).toContain('suspended');
    const revoked = await activeCode(series.next());
    await codes.moveTo(official, revoked.id, 'revoked');
    await as(official).post(`${URL}/${exporter.id}/sources/${revoked.id}`).expect(422);
    expect(await sourcesOf(exporter.id)).toEqual([]);
  });

  it('accepts an active export code sharing a market, once (409 the second time); DELETE removes it', async () => {
    const series = codeSeries();
    const exporter = await facility(series.next(), { markets: ['CN', 'VN'] });
    const code = await activeCode(series.next(), { markets: ['JP', 'CN'] });
    const added = await as(official).post(`${URL}/${exporter.id}/sources/${code.id}`).expect(201);
    expect(added.body).toMatchObject({
      growingAreaId: code.id,
      code: code.code,
      productCode: 'custard-apple',
      status: 'active',
      atRisk: false,
      atRiskReason: null,
    });
    await as(official).post(`${URL}/${exporter.id}/sources/${code.id}`).expect(409);
    expect((await sourcesOf(exporter.id)).map((s) => s.code)).toEqual([code.code]);

    // A domestic facility may pack from domestic and export codes alike.
    const domestic = await facility(series.next(), { markets: ['VN'] });
    const domesticCode = await activeCode(series.next(), { kind: 'domestic' });
    await as(official).post(`${URL}/${domestic.id}/sources/${domesticCode.id}`).expect(201);
    await as(official).post(`${URL}/${domestic.id}/sources/${code.id}`).expect(201);
    expect((await sourcesOf(domestic.id)).map((s) => s.code)).toEqual([code.code, domesticCode.code].sort());

    await as(official).delete(`${URL}/${exporter.id}/sources/${code.id}`).expect(204);
    expect(await sourcesOf(exporter.id)).toEqual([]);
    await as(official).delete(`${URL}/${exporter.id}/sources/${code.id}`).expect(422);
    expect(
      (await facilities.history(official, exporter.id))
        .map((h) => h.action)
        .filter((a) => a.endsWith('source'))
        .sort(),
    ).toEqual(['add-source', 'remove-source']);
  });
});

describe('suspension cascade', () => {
  it('flags every facility sourcing from a suspended code, keeps the flag on revocation, writes one code.suspended', async () => {
    const series = codeSeries();
    const [f1, f2, f3] = [
      await facility(series.next()),
      await facility(series.next(), { markets: ['VN'] }),
      await facility(series.next()),
    ];
    const x = await activeCode(series.next());
    const y = await activeCode(series.next());
    await as(official).post(`${URL}/${f1.id}/sources/${x.id}`).expect(201);
    await as(official).post(`${URL}/${f2.id}/sources/${x.id}`).expect(201);
    await as(official).post(`${URL}/${f3.id}/sources/${y.id}`).expect(201);
    expect(await facilities.codes(official, series.prefix, 'atRisk=true')).toEqual([]);

    await as(inspector)
      .post(`/api/v1/growing-areas/${x.id}/status`, { to: 'suspended', reason: 'Dư lượng vượt ngưỡng' })
      .expect(200);
    expect(await facilities.codes(official, series.prefix, 'atRisk=true')).toEqual([f1.code, f2.code].sort());
    expect(await facilities.codes(official, series.prefix, 'atRisk=false')).toEqual([f3.code]);
    expect([await atRiskOf(f1.id), await atRiskOf(f2.id), await atRiskOf(f3.id)]).toEqual([
      true,
      true,
      false,
    ]);
    const [source] = await sourcesOf(f1.id);
    expect(source).toMatchObject({ code: x.code, status: 'suspended', atRisk: true });
    expect(source.atRiskReason).toContain(x.code);
    expect(source.atRiskReason).toContain('Dư lượng vượt ngưỡng');
    expect((await sourcesOf(f3.id))[0]).toMatchObject({ atRisk: false, atRiskReason: null });
    expect(await eventsOf(app, [x.id], ['code.suspended'])).toHaveLength(1);

    await as(official)
      .post(`/api/v1/growing-areas/${x.id}/status`, { to: 'revoked', reason: 'Thu hồi mã' })
      .expect(200);
    expect(await facilities.codes(official, series.prefix, 'atRisk=true')).toEqual([f1.code, f2.code].sort());
    expect((await sourcesOf(f2.id))[0]).toMatchObject({ status: 'revoked', atRisk: true });
    expect(await eventsOf(app, [x.id], ['code.suspended'])).toHaveLength(1);
    expect(await eventsOf(app, [x.id], ['code.revoked'])).toHaveLength(1);
  });

  it('flags a facility when its code is revoked straight from active', async () => {
    const series = codeSeries();
    const f = await facility(series.next());
    const x = await activeCode(series.next());
    await as(official).post(`${URL}/${f.id}/sources/${x.id}`).expect(201);
    await codes.moveTo(official, x.id, 'revoked');
    expect(await atRiskOf(f.id)).toBe(true);
    expect((await sourcesOf(f.id))[0].atRiskReason).toContain('revoked');
  });

  it('clears the flag when the code is reinstated, and writes code.suspended once per suspension', async () => {
    const series = codeSeries();
    const f = await facility(series.next());
    const x = await activeCode(series.next());
    await as(official).post(`${URL}/${f.id}/sources/${x.id}`).expect(201);

    await codes.moveTo(inspector, x.id, 'suspended');
    expect(await atRiskOf(f.id)).toBe(true);
    await codes.moveTo(inspector, x.id, 'active');
    expect(await atRiskOf(f.id)).toBe(false);
    expect((await sourcesOf(f.id))[0]).toMatchObject({ status: 'active', atRisk: false, atRiskReason: null });
    expect(await facilities.codes(official, series.prefix, 'atRisk=false')).toEqual([f.code]);

    await codes.moveTo(inspector, x.id, 'suspended');
    expect(await atRiskOf(f.id)).toBe(true);
    expect(await eventsOf(app, [x.id], ['code.suspended'])).toHaveLength(2);
    expect(await eventsOf(app, [x.id], ['code.reinstated'])).toHaveLength(1);
  });

  it('keeps a facility at risk while another of its codes is still out of force', async () => {
    const series = codeSeries();
    const f = await facility(series.next());
    const [x, y] = [await activeCode(series.next()), await activeCode(series.next())];
    for (const code of [x, y]) await as(official).post(`${URL}/${f.id}/sources/${code.id}`).expect(201);
    await codes.moveTo(official, x.id, 'suspended');
    await codes.moveTo(official, y.id, 'suspended');
    await codes.moveTo(official, x.id, 'active');
    expect(await atRiskOf(f.id)).toBe(true);
    expect((await sourcesOf(f.id)).map((s) => [s.code, s.atRisk])).toEqual([
      [x.code, false],
      [y.code, true],
    ]);
  });

  it('flags the facility when the code is suspended by a failed inspection', async () => {
    const series = codeSeries();
    const f = await facility(series.next());
    const x = await activeCode(series.next());
    await as(official).post(`${URL}/${f.id}/sources/${x.id}`).expect(201);
    await as(inspector)
      .post(`/api/v1/growing-areas/${x.id}/inspections`, {
        inspectedOn: plusDays(vnToday(), -1),
        inspector: 'Hoàng Văn Nam',
        result: 'fail',
        suspend: true,
        reason: 'Không có nhật ký canh tác',
      })
      .expect(201);
    expect(await atRiskOf(f.id)).toBe(true);
    expect((await sourcesOf(f.id))[0].atRiskReason).toContain('Không có nhật ký canh tác');
    expect(await eventsOf(app, [x.id], ['code.suspended'])).toHaveLength(1);
  });
});

describe('inspection scans', () => {
  it('announces an overdue facility once, however often the scan runs for the same day', async () => {
    const today = vnToday();
    const series = codeSeries();
    const overdue = await facility(series.next(), { issuedOn: '2024-01-15' });
    await facilities.moveTo(official, overdue.id, 'active');
    const suspended = await facility(series.next(), { issuedOn: '2024-01-15' });
    await facilities.moveTo(official, suspended.id, 'active', 'suspended');
    for (let run = 0; run < 2; run++) {
      const res = await as(admin).post('/api/v1/scans/inspections', { today }).expect(200);
      expect(
        res.body.find((r: { scan: string }) => r.scan === 'packing-facility:overdue').matched,
      ).toBeGreaterThanOrEqual(1);
    }
    const events = await eventsOf(
      app,
      [overdue.id, suspended.id],
      ['facility.inspection_overdue', 'facility.inspection_due'],
    );
    expect(events.map((e) => [e.aggregateId, e.type])).toEqual([[overdue.id, 'facility.inspection_overdue']]);
    expect(events[0].payload).toMatchObject({ code: overdue.code, nextInspectionDue: '2024-07-15' });
  });
});

describe('roles', () => {
  it('refuses cooperative and enterprise staff (403) on create, status changes and sources', async () => {
    const series = codeSeries();
    const row = await facility(series.next());
    const code = await activeCode(series.next());
    for (const role of ['cooperative', 'enterprise'] as const) {
      const user = await fx.user(role, role === 'cooperative' ? { cooperativeId } : {});
      await as(user)
        .post(URL, facilityBody(series.next(), { operatorCooperativeId: cooperativeId }))
        .expect(403);
      await as(user).post(`${URL}/${row.id}/status`, { to: 'active', reason: 'x' }).expect(403);
      await as(user).post(`${URL}/${row.id}/sources/${code.id}`).expect(403);
    }
    expect(await facilities.codes(official, series.prefix)).toEqual([row.code]);
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.status).toBe('pending');
  });

  it('lets an inspector change a status but not register a facility or its sources (403)', async () => {
    const series = codeSeries();
    const row = await facility(series.next());
    const code = await activeCode(series.next());
    await as(inspector)
      .post(URL, facilityBody(series.next(), { operatorCooperativeId: cooperativeId }))
      .expect(403);
    await as(inspector).post(`${URL}/${row.id}/sources/${code.id}`).expect(403);
    expect(
      (await as(inspector).post(`${URL}/${row.id}/status`, { to: 'active', reason: 'Đạt' }).expect(200)).body
        .status,
    ).toBe('active');
  });

  it('shows a cooperative only the facilities it operates', async () => {
    const series = codeSeries();
    const coop = await fx.cooperative();
    const mine = await facility(series.next(), { operatorCooperativeId: coop.id });
    const other = await facility(series.next());
    const user = await fx.user('cooperative', { cooperativeId: coop.id });
    expect(await facilities.codes(user, series.prefix)).toEqual([mine.code]);
    await as(user).get(`${URL}/${other.id}`).expect(404);
    expect(await facilities.codes(await fx.user('enterprise'), series.prefix)).toEqual(
      [mine.code, other.code].sort(),
    );
  });
});
