import { INestApplication } from '@nestjs/common';
import { createTestApp } from './support/app';
import {
  certificateApi,
  codeSeries,
  eventsOf,
  growingAreaBody,
  plusDays,
  plusMonths,
  vnToday,
} from './support/certificates';
import { Fixtures, signedIn, TestUser } from './support/fixtures';
import { householdBody } from './support/households';

/**
 * Growing-area codes (SPEC §2, §5a) end to end: registration, the status lifecycle and its
 * history, the inspection schedule, list filters, inspections, plots, boundaries, scans and roles.
 * Every test makes its own codes under a prefix of its own and reads lists through `search=prefix`.
 */
let app: INestApplication;
let fx: Fixtures;
let admin: TestUser;
let official: TestUser;
let inspector: TestUser;
let codes: ReturnType<typeof certificateApi>;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  [admin, official, inspector] = [
    await fx.user('admin'),
    await fx.user('official'),
    await fx.user('inspector'),
  ];
  codes = certificateApi(app, 'growing-areas');
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const URL = '/api/v1/growing-areas';

describe('registration', () => {
  it('creates a pending code with its markets, and answers 400/409/422 for what it refuses', async () => {
    const series = codeSeries();
    const code = series.next();
    const created = await as(official)
      .post(URL, growingAreaBody(code, { markets: ['cn', 'JP'], areaHa: 12.5 }))
      .expect(201);
    expect(created.body).toMatchObject({
      code,
      kind: 'export',
      markets: ['CN', 'JP'],
      productCode: 'custard-apple',
      areaHa: 12.5,
      plottedHa: 0,
      status: 'pending',
      lastInspectedOn: null,
      due: false,
      overdue: false,
      version: 1,
    });

    const refused = async (status: number, body: Record<string, unknown>) =>
      (await as(official).post(URL, body).expect(status)).body;
    expect((await refused(400, growingAreaBody('VN-LS-12', {}))).details).toEqual([
      expect.objectContaining({ field: 'code' }),
    ]);
    expect((await refused(400, growingAreaBody(series.next(), { markets: [] }))).details).toEqual([
      expect.objectContaining({ field: 'markets' }),
    ]);
    expect(
      (await refused(400, growingAreaBody(series.next(), { kind: 'domestic', markets: ['CN'] }))).details,
    ).toEqual([expect.objectContaining({ field: 'markets' })]);
    const duplicate = await refused(409, growingAreaBody(code));
    expect(duplicate).toMatchObject({ statusCode: 409, error: 'Conflict' });
    const livestock = await refused(422, growingAreaBody(series.next(), { productCode: 'duck' }));
    expect(livestock.message).toContain('duck');

    // Only the first code exists under this prefix.
    expect(await codes.codes(official, series.prefix)).toEqual([code]);
  });

  it('lets exactly one of 50 parallel registrations of one code win: one 201, 49 × 409, no 500', async () => {
    const code = codeSeries().next();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        as(official)
          .post(URL, growingAreaBody(code))
          .then((r) => r.status),
      ),
    );
    const tally = results.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
    expect(tally).toEqual({ 201: 1, 409: 49 });
    const listed = await as(official).get(`${URL}?search=${code}`).expect(200);
    expect(listed.body.total).toBe(1);
  }, 60_000);
});

describe('status lifecycle', () => {
  it('walks every legal transition, each recorded in the history with its reason and actor', async () => {
    const series = codeSeries();
    // A: pending → active → suspended → active → revoked
    const a = await codes.create(official, growingAreaBody(series.next()));
    const steps: Array<[TestUser, string, string]> = [
      [official, 'active', 'Đủ điều kiện cấp mã'],
      [inspector, 'suspended', 'Dư lượng thuốc BVTV vượt ngưỡng'],
      [inspector, 'active', 'Đã khắc phục, kiểm tra lại đạt'],
      [admin, 'revoked', 'Hộ dân chuyển đổi cây trồng'],
    ];
    for (const [user, to, reason] of steps) {
      const res = await as(user).post(`${URL}/${a.id}/status`, { to, reason }).expect(200);
      expect(res.body.status).toBe(to);
    }
    // B: pending → revoked; C: suspended → revoked.
    const b = await codes.create(official, growingAreaBody(series.next()));
    await as(official).post(`${URL}/${b.id}/status`, { to: 'revoked', reason: 'Cấp nhầm' }).expect(200);
    const c = await codes.create(official, growingAreaBody(series.next()));
    await codes.moveTo(official, c.id, 'active', 'suspended');
    await as(inspector)
      .post(`${URL}/${c.id}/status`, { to: 'revoked', reason: 'Không khắc phục' })
      .expect(200);

    const history = await codes.history(official, a.id);
    const statusEntries = history
      .filter((h) => h.action === 'status')
      .map((h) => [h.changes?.status.before, h.changes?.status.after, h.reason, h.actorUsername]);
    expect(statusEntries).toEqual(
      expect.arrayContaining([
        ['pending', 'active', 'Đủ điều kiện cấp mã', official.username],
        ['active', 'suspended', 'Dư lượng thuốc BVTV vượt ngưỡng', inspector.username],
        ['suspended', 'active', 'Đã khắc phục, kiểm tra lại đạt', inspector.username],
        ['active', 'revoked', 'Hộ dân chuyển đổi cây trồng', admin.username],
      ]),
    );
    expect(statusEntries).toHaveLength(4);
    expect(history.filter((h) => h.action === 'create')).toEqual([
      expect.objectContaining({ actorUsername: official.username }),
    ]);
    expect((await codes.history(official, b.id)).find((h) => h.action === 'status')).toMatchObject({
      reason: 'Cấp nhầm',
      changes: { status: { before: 'pending', after: 'revoked' } },
    });
    expect((await codes.history(official, c.id)).filter((h) => h.action === 'status')).toContainEqual(
      expect.objectContaining({
        reason: 'Không khắc phục',
        actorUsername: inspector.username,
        changes: { status: { before: 'suspended', after: 'revoked' } },
      }),
    );

    const types = (await eventsOf(app, [a.id])).map((e) => e.type).sort();
    expect(types).toEqual(['code.activated', 'code.reinstated', 'code.revoked', 'code.suspended']);
    expect(await codes.codes(official, series.prefix, 'status=revoked')).toHaveLength(3);
  });

  it('refuses illegal transitions with 409 naming the current and allowed states, changing nothing', async () => {
    const series = codeSeries();
    const revoked = await codes.create(official, growingAreaBody(series.next()));
    await codes.moveTo(official, revoked.id, 'revoked');
    const res = await as(official)
      .post(`${URL}/${revoked.id}/status`, { to: 'active', reason: 'Xin cấp lại' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, currentStatus: 'revoked', allowedStatuses: [] });
    expect(res.body.message).toContain('revoked');

    const pending = await codes.create(official, growingAreaBody(series.next()));
    const active = await codes.create(official, growingAreaBody(series.next()));
    await codes.moveTo(official, active.id, 'active');
    const suspended = await codes.create(official, growingAreaBody(series.next()));
    await codes.moveTo(official, suspended.id, 'active', 'suspended');
    const illegal: Array<[{ id: string }, string, string, string[]]> = [
      [pending, 'suspended', 'pending', ['active', 'revoked']],
      [pending, 'pending', 'pending', ['active', 'revoked']],
      [active, 'pending', 'active', ['suspended', 'revoked']],
      [active, 'active', 'active', ['suspended', 'revoked']],
      [suspended, 'pending', 'suspended', ['active', 'revoked']],
      [revoked, 'suspended', 'revoked', []],
    ];
    for (const [row, to, current, allowed] of illegal) {
      const refused = await as(inspector).post(`${URL}/${row.id}/status`, { to, reason: 'Thử' }).expect(409);
      expect(refused.body).toMatchObject({ currentStatus: current, allowedStatuses: allowed });
      expect(refused.body.message).toContain(current);
    }
    const after = await Promise.all(
      [revoked, pending, active, suspended].map(async (r) => (await as(official).get(`${URL}/${r.id}`)).body),
    );
    expect(after.map((r) => r.status)).toEqual(['revoked', 'pending', 'active', 'suspended']);
    // Only the legal moves were recorded.
    expect((await codes.history(official, revoked.id)).filter((h) => h.action === 'status')).toHaveLength(1);
    expect((await codes.history(official, pending.id)).filter((h) => h.action === 'status')).toHaveLength(0);

    // And the body itself is checked: an unknown state or a missing reason is a 400.
    await as(official).post(`${URL}/${pending.id}/status`, { to: 'archived', reason: 'x' }).expect(400);
    await as(official).post(`${URL}/${pending.id}/status`, { to: 'active' }).expect(400);
  });
});

describe('concurrent status changes', () => {
  it('lets one of 10 parallel suspensions through: one 200, nine 409, one code.suspended, one history entry', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next()));
    await codes.moveTo(official, row.id, 'active');
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        as(inspector)
          .post(`${URL}/${row.id}/status`, { to: 'suspended', reason: `Đình chỉ lần ${i}` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(await eventsOf(app, [row.id], ['code.suspended'])).toHaveLength(1);
    const entries = (await codes.history(official, row.id)).filter(
      (h) => h.action === 'status' && h.changes?.status.after === 'suspended',
    );
    expect(entries).toHaveLength(1);
  });
});

describe('inspection schedule', () => {
  it.each([
    ['export', '2026-03-15', '2026-09-15'],
    ['domestic', '2026-03-15', '2027-03-15'],
    ['export', '2026-08-31', '2027-02-28'],
    ['domestic', '2026-08-31', '2027-08-31'],
    ['export', '2027-08-31', '2028-02-29'],
    ['domestic', '2024-02-29', '2025-02-28'],
    ['export', '2026-12-31', '2027-06-30'],
  ])('a never-inspected %s code issued %s falls due %s', async (kind, issuedOn, due) => {
    const created = await codes.create(official, growingAreaBody(codeSeries().next(), { kind, issuedOn }));
    expect(created.nextInspectionDue).toBe(due);
    expect((await as(official).get(`${URL}/${created.id}`).expect(200)).body).toMatchObject({
      issuedOn,
      nextInspectionDue: due,
      lastInspectedOn: null,
    });
  });

  it('moves the next due date to the inspection day + the interval (clamped), never backwards', async () => {
    const series = codeSeries();
    const exp = await codes.create(official, growingAreaBody(series.next(), { issuedOn: '2026-01-10' }));
    await codes.moveTo(official, exp.id, 'active');
    const inspected = await as(inspector)
      .post(`${URL}/${exp.id}/inspections`, {
        inspectedOn: '2026-05-31',
        inspector: 'Vi Văn Hùng',
        result: 'pass',
        residueTestPassed: true,
        diaryKept: true,
      })
      .expect(201);
    expect(inspected.body.inspection).toMatchObject({
      subjectType: 'growing-area',
      subjectId: exp.id,
      inspectedOn: '2026-05-31',
      inspector: 'Vi Văn Hùng',
      result: 'pass',
      residueTestPassed: true,
      diaryKept: true,
      recordedBy: inspector.id,
    });
    expect(inspected.body.growingArea).toMatchObject({
      lastInspectedOn: '2026-05-31',
      nextInspectionDue: '2026-11-30',
      status: 'active',
    });
    // A record entered late, older than the last one, leaves the schedule alone.
    await as(inspector)
      .post(`${URL}/${exp.id}/inspections`, {
        inspectedOn: '2026-04-01',
        inspector: 'Vi Văn Hùng',
        result: 'minor',
      })
      .expect(201);
    expect((await as(official).get(`${URL}/${exp.id}`).expect(200)).body).toMatchObject({
      lastInspectedOn: '2026-05-31',
      nextInspectionDue: '2026-11-30',
    });
    const listed = await as(official).get(`${URL}/${exp.id}/inspections`).expect(200);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((i: { inspectedOn: string }) => i.inspectedOn)).toEqual([
      '2026-05-31',
      '2026-04-01',
    ]);

    const dom = await codes.create(
      official,
      growingAreaBody(series.next(), { kind: 'domestic', issuedOn: '2026-01-10' }),
    );
    const domInspected = await as(official)
      .post(`${URL}/${dom.id}/inspections`, {
        inspectedOn: '2026-10-31',
        inspector: 'Lý Thị Hoa',
        result: 'pass',
      })
      .expect(201);
    expect(domInspected.body.growingArea.nextInspectionDue).toBe('2027-10-31');
    expect((await codes.history(official, dom.id)).find((h) => h.action === 'inspect')).toMatchObject({
      actorUsername: official.username,
      changes: { nextInspectionDue: { after: '2027-10-31' }, result: { after: 'pass' } },
    });
  });
});

describe('list filters', () => {
  // One set of codes, read (never changed) by every test of this block.
  const series = codeSeries();
  const c: Record<string, string> = {};
  let cooperativeId: string;
  const today = vnToday();

  beforeAll(async () => {
    cooperativeId = (await fx.cooperative()).id;
    const make = async (name: string, overrides: Record<string, unknown>, ...statuses: string[]) => {
      const code = series.next();
      const row = await codes.create(official, growingAreaBody(code, overrides));
      await codes.moveTo(official, row.id, ...statuses);
      c[name] = code;
    };
    // Overdue since 2024-07-15.
    await make('c1', { markets: ['CN'], issuedOn: '2024-01-15' }, 'active');
    // Due months from now.
    await make(
      'c2',
      {
        markets: ['JP', 'CN'],
        productCode: 'persimmon',
        communeCode: '06196',
        cooperativeId,
        issuedOn: plusDays(today, -20),
      },
      'active',
    );
    await make('c3', { kind: 'domestic', communeCode: '06196', issuedOn: '2026-02-20' });
    // Past its date, but suspended: neither due nor overdue.
    await make(
      'c4',
      { markets: ['TH'], productCode: 'chestnut', issuedOn: '2025-01-31' },
      'active',
      'suspended',
    );
    await make('c5', { kind: 'domestic', productCode: 'grass-jelly', issuedOn: '2025-03-01' }, 'revoked');
    // Overdue since 2026-06-01.
    await make('c6', { kind: 'domestic', issuedOn: '2025-06-01' }, 'active');
    // Due in about 10 days.
    await make('c7', { markets: ['CN'], issuedOn: plusMonths(plusDays(today, 10), -6) }, 'active');
  });

  const pick = (...names: string[]) => names.map((n) => c[n]).sort();

  it.each([
    ['status=active', ['c1', 'c2', 'c6', 'c7']],
    ['status=pending', ['c3']],
    ['status=suspended', ['c4']],
    ['status=revoked', ['c5']],
    ['kind=export', ['c1', 'c2', 'c4', 'c7']],
    ['kind=domestic', ['c3', 'c5', 'c6']],
    ['market=CN', ['c1', 'c2', 'c7']],
    ['market=jp', ['c2']],
    ['market=TH', ['c4']],
    ['market=US', []],
    ['productCode=custard-apple', ['c1', 'c3', 'c6', 'c7']],
    ['productCode=persimmon', ['c2']],
    ['communeCode=06196', ['c2', 'c3']],
    ['communeCode=06427', ['c1', 'c4', 'c5', 'c6', 'c7']],
    ['inspectionDueBefore=2026-03-02', ['c1', 'c4', 'c5']],
    ['inspectionDueBefore=2026-03-01', ['c1', 'c4']],
    ['overdue=true', ['c1', 'c6']],
    ['overdue=false', ['c2', 'c3', 'c4', 'c5', 'c7']],
    [`cooperativeId=COOP`, ['c2']],
    ['status=active&kind=domestic', ['c6']],
    ['market=CN&productCode=custard-apple&communeCode=06427&overdue=false', ['c7']],
  ])('%s lists exactly the matching codes', async (query, expected) => {
    const listed = await codes.codes(official, series.prefix, query.replace('COOP', cooperativeId));
    expect(listed).toEqual(pick(...expected));
  });

  it('flags due and overdue on active codes only', async () => {
    const res = await as(official).get(`${URL}?search=${series.prefix}&limit=200`).expect(200);
    const flags = Object.fromEntries(
      res.body.items.map((i: { code: string; due: boolean; overdue: boolean }) => [
        i.code,
        [i.due, i.overdue],
      ]),
    );
    expect(flags).toEqual({
      [c.c1]: [false, true],
      [c.c2]: [false, false],
      [c.c3]: [false, false],
      [c.c4]: [false, false],
      [c.c5]: [false, false],
      [c.c6]: [false, true],
      [c.c7]: [true, false],
    });
  });

  it('rejects malformed filters with 400', async () => {
    for (const query of [
      'status=archived',
      'kind=both',
      'market=XX1',
      'inspectionDueBefore=2026-3-1',
      'overdue=yes',
    ]) {
      await as(official).get(`${URL}?search=${series.prefix}&${query}`).expect(400);
    }
  });
});

describe('scoping', () => {
  it('shows a cooperative only its own codes and a commune official only its commune; enterprises read all', async () => {
    const series = codeSeries();
    const coop = await fx.cooperative();
    const mine = await codes.create(official, growingAreaBody(series.next(), { cooperativeId: coop.id }));
    const other = await codes.create(
      official,
      growingAreaBody(series.next(), { communeCode: '06196', cooperativeId: (await fx.cooperative()).id }),
    );
    const coopUser = await fx.user('cooperative', { cooperativeId: coop.id });
    const communeOfficial = await fx.user('official', { communeCode: '06427' });
    const enterprise = await fx.user('enterprise');

    expect(await codes.codes(coopUser, series.prefix)).toEqual([mine.code]);
    await as(coopUser).get(`${URL}/${mine.id}`).expect(200);
    await as(coopUser).get(`${URL}/${other.id}`).expect(404);
    await as(coopUser).get(`${URL}/${other.id}/history`).expect(404);

    expect(await codes.codes(communeOfficial, series.prefix)).toEqual([mine.code]);
    await as(communeOfficial).get(`${URL}/${other.id}`).expect(404);
    await as(communeOfficial).post(`${URL}/${other.id}/status`, { to: 'active', reason: 'x' }).expect(404);

    expect(await codes.codes(enterprise, series.prefix)).toEqual([mine.code, other.code].sort());
    await as(enterprise).get(`${URL}/${other.id}`).expect(200);
  });
});

describe('inspections', () => {
  it('suspends an active code in the same request when a failed inspection says suspend: true', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next()));
    await codes.moveTo(official, row.id, 'active');
    const inspectedOn = plusDays(vnToday(), -3);
    const res = await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn,
        inspector: 'Hoàng Văn Nam',
        result: 'fail',
        findings: 'Không ghi nhật ký canh tác; mẫu dư lượng vượt ngưỡng',
        residueTestPassed: false,
        diaryKept: false,
        suspend: true,
        reason: 'Mẫu dư lượng vượt ngưỡng MRL',
      })
      .expect(201);
    expect(res.body.inspection).toMatchObject({ result: 'fail', inspectedOn, residueTestPassed: false });
    expect(res.body.growingArea).toMatchObject({
      status: 'suspended',
      lastInspectedOn: inspectedOn,
      nextInspectionDue: plusMonths(inspectedOn, 6),
    });
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.status).toBe('suspended');

    const status = (await codes.history(official, row.id)).filter((h) => h.action === 'status');
    expect(status).toContainEqual(
      expect.objectContaining({
        reason: 'Mẫu dư lượng vượt ngưỡng MRL',
        actorUsername: inspector.username,
        changes: {
          status: { before: 'active', after: 'suspended' },
          inspectionId: { before: null, after: res.body.inspection.id },
        },
      }),
    );
    const suspended = await eventsOf(app, [row.id], ['code.suspended']);
    expect(suspended).toHaveLength(1);
    expect(suspended[0].payload).toMatchObject({ inspectionId: res.body.inspection.id, to: 'suspended' });
  });

  it('refuses suspend: true with a pass or minor result (422) and records nothing', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next()));
    await codes.moveTo(official, row.id, 'active');
    for (const result of ['pass', 'minor']) {
      const res = await as(inspector)
        .post(`${URL}/${row.id}/inspections`, {
          inspectedOn: plusDays(vnToday(), -1),
          inspector: 'Hoàng Văn Nam',
          result,
          suspend: true,
        })
        .expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    }
    expect((await as(official).get(`${URL}/${row.id}/inspections`).expect(200)).body.total).toBe(0);
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body).toMatchObject({
      status: 'active',
      lastInspectedOn: null,
    });
  });

  it('refuses an inspection dated after today in Việt Nam (422) and accepts one dated today', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next()));
    const today = vnToday();
    const future = await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn: plusDays(today, 1),
        inspector: 'A',
        result: 'pass',
      })
      .expect(422);
    expect(future.body.message).toContain(plusDays(today, 1));
    await as(inspector)
      .post(`${URL}/${row.id}/inspections`, {
        inspectedOn: plusDays(today, 30),
        inspector: 'A',
        result: 'pass',
      })
      .expect(422);
    const ok = await as(inspector)
      .post(`${URL}/${row.id}/inspections`, { inspectedOn: today, inspector: 'A', result: 'pass' })
      .expect(201);
    expect(ok.body.growingArea.nextInspectionDue).toBe(plusMonths(today, 6));
  });
});

describe('boundaries', () => {
  // About 0.001° square near Cai Kinh: ~1.15 ha.
  const square = (lon = 106.4, lat = 21.9, d = 0.001) => [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];

  it.each([
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          square()
            .slice(0, 4)
            .concat([[106.4005, 21.9]]),
        ],
      },
    ],
    ['a ring of three positions', { type: 'Polygon', coordinates: [square().slice(0, 3)] }],
    ['a position outside Việt Nam', { type: 'Polygon', coordinates: [square(2.35, 48.85)] }],
    ['latitude first', { type: 'Polygon', coordinates: [square().map(([lon, lat]) => [lat, lon])] }],
    ['a Point', { type: 'Point', coordinates: [106.4, 21.9] }],
    ['a LineString', { type: 'LineString', coordinates: square() }],
    [
      'a MultiPolygon with one bad polygon',
      { type: 'MultiPolygon', coordinates: [[square()], [square(100, 21)]] },
    ],
    [
      'a position that is not numbers',
      { type: 'Polygon', coordinates: [[['106.4', '21.9'], ...square().slice(1)]] },
    ],
  ])('rejects %s with 400 on boundary', async (_what, boundary) => {
    const series = codeSeries();
    const res = await as(official).post(URL, growingAreaBody(series.next(), { boundary })).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(res.body.details.every((d: { field: string }) => d.field === 'boundary')).toBe(true);
    expect(await codes.codes(official, series.prefix)).toEqual([]);
  });

  it('accepts a valid boundary, warning (not refusing) when it disagrees with the declared area', async () => {
    const series = codeSeries();
    const polygon = { type: 'Polygon', coordinates: [square()] };
    const close = await as(official)
      .post(URL, growingAreaBody(series.next(), { areaHa: 1.15, boundary: polygon }))
      .expect(201);
    expect(close.body.boundaryAreaHa).toBeGreaterThan(1.0);
    expect(close.body.boundaryAreaHa).toBeLessThan(1.3);
    expect(close.body.areaWarning).toBeNull();
    expect(close.body.boundary).toEqual(polygon);

    const far = await as(official)
      .post(
        URL,
        growingAreaBody(series.next(), {
          areaHa: 10,
          boundary: { type: 'MultiPolygon', coordinates: [[square()]] },
        }),
      )
      .expect(201);
    expect(typeof far.body.areaWarning).toBe('string');
    expect(far.body.areaWarning).toContain('10.00 ha');
    expect((await as(official).get(`${URL}/${far.body.id}`).expect(200)).body.areaWarning).toBe(
      far.body.areaWarning,
    );
  });

  it('lists each code as its detail answer without the boundary, paged with the exact total', async () => {
    const series = codeSeries();
    const cooperativeId = (await fx.cooperative()).id;
    const polygon = { type: 'Polygon', coordinates: [square()] };
    const rows = [
      await codes.create(
        official,
        growingAreaBody(series.next(), {
          markets: ['TW', 'cn', 'JP'],
          areaHa: 1.15,
          boundary: polygon,
          cooperativeId,
        }),
      ),
      await codes.create(official, growingAreaBody(series.next(), { kind: 'domestic', areaHa: 0.3 })),
      await codes.create(official, growingAreaBody(series.next(), { issuedOn: '2024-01-15' })),
    ];
    await codes.moveTo(official, rows[2].id, 'active');
    const details = await Promise.all(
      rows.map(async (r) => (await as(official).get(`${URL}/${r.id}`).expect(200)).body),
    );
    expect(details[0].markets).toEqual(['CN', 'JP', 'TW']);
    expect(details[2]).toMatchObject({ status: 'active', overdue: true });
    const listed = await as(official).get(`${URL}?search=${series.prefix}&sort=code`).expect(200);
    expect(listed.body).toEqual({
      items: details.map((d) => {
        const item = { ...d };
        delete item.boundary;
        return item;
      }),
      total: 3,
      page: 1,
      limit: 20,
    });
    // A page past the end still carries the total; an empty list counts 0.
    const past = await as(official).get(`${URL}?search=${series.prefix}&limit=2&page=3`).expect(200);
    expect(past.body).toEqual({ items: [], total: 3, page: 3, limit: 2 });
    const second = await as(official).get(`${URL}?search=${series.prefix}&limit=2&page=2&sort=-code`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([rows[0].id]);
    expect(second.body.total).toBe(3);
    const none = await as(official).get(`${URL}?search=${series.prefix}&market=US`).expect(200);
    expect(none.body).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });
});

describe('plots', () => {
  const household = async () =>
    (await as(official).post('/api/v1/households', householdBody()).expect(201)).body.id;

  it('never lets the plots total more than the declared area (422), counting every plot', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next(), { areaHa: 1 }));
    const [h1, h2, h3, h4] = [await household(), await household(), await household(), await household()];
    await as(official).post(`${URL}/${row.id}/plots`, { householdId: h1, areaHa: 0.6 }).expect(201);
    // Fits alone (0.5 < 1), not together with the first plot (1.1 > 1).
    const over = await as(official)
      .post(`${URL}/${row.id}/plots`, { householdId: h2, areaHa: 0.5 })
      .expect(422);
    expect(over.body.message).toContain('1.10');
    // Alone it is already too large.
    await as(official).post(`${URL}/${row.id}/plots`, { householdId: h2, areaHa: 1.5 }).expect(422);
    await as(official).post(`${URL}/${row.id}/plots`, { householdId: h3, areaHa: 0.4 }).expect(201);
    await as(official).post(`${URL}/${row.id}/plots`, { householdId: h4, areaHa: 0.01 }).expect(422);

    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.plottedHa).toBe(1);
    const plots = await as(official).get(`${URL}/${row.id}/plots`).expect(200);
    expect(
      plots.body.items.map((p: { householdId: string; areaHa: number }) => [p.householdId, p.areaHa]),
    ).toEqual(
      expect.arrayContaining([
        [h1, 0.6],
        [h3, 0.4],
      ]),
    );
    expect(plots.body.total).toBe(2);
    expect((await codes.history(official, row.id)).filter((h) => h.action === 'add-plot')).toHaveLength(2);
  });

  it('lets only one of two parallel plots through when together they exceed the area', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next(), { areaHa: 1 }));
    const [h1, h2] = [await household(), await household()];
    const statuses = (
      await Promise.all(
        [h1, h2].map((householdId) =>
          as(official).post(`${URL}/${row.id}/plots`, { householdId, areaHa: 0.6 }),
        ),
      )
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([201, 422]);
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.plottedHa).toBe(0.6);
  });
});

describe('inspection scans', () => {
  it('announces an overdue code once, however often the scan runs for the same day', async () => {
    const series = codeSeries();
    const today = vnToday();
    const overdue = await codes.create(official, growingAreaBody(series.next(), { issuedOn: '2024-01-15' }));
    await codes.moveTo(official, overdue.id, 'active');
    const due = await codes.create(
      official,
      growingAreaBody(series.next(), { issuedOn: plusMonths(plusDays(today, 5), -6) }),
    );
    await codes.moveTo(official, due.id, 'active');
    // Overdue too, but not in force: never announced.
    const pending = await codes.create(official, growingAreaBody(series.next(), { issuedOn: '2024-01-15' }));

    const first = await as(admin).post('/api/v1/scans/inspections', { today }).expect(200);
    const second = await as(admin).post('/api/v1/scans/inspections', { today }).expect(200);
    for (const run of [first, second]) {
      expect(run.body.map((r: { scan: string }) => r.scan).sort()).toEqual([
        'growing-area:due',
        'growing-area:overdue',
        'packing-facility:due',
        'packing-facility:overdue',
      ]);
      expect(
        run.body.find((r: { scan: string }) => r.scan === 'growing-area:overdue').matched,
      ).toBeGreaterThanOrEqual(1);
    }

    const events = await eventsOf(
      app,
      [overdue.id, due.id, pending.id],
      ['code.inspection_overdue', 'code.inspection_due'],
    );
    expect(events.map((e) => [e.aggregateId, e.type])).toEqual(
      expect.arrayContaining([
        [overdue.id, 'code.inspection_overdue'],
        [due.id, 'code.inspection_due'],
      ]),
    );
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.aggregateId === overdue.id)!.payload).toMatchObject({
      code: overdue.code,
      nextInspectionDue: '2024-07-15',
    });
    await as(official).post('/api/v1/scans/inspections', { today }).expect(403);
  });
});

describe('roles', () => {
  it('refuses cooperative and enterprise staff (403) on create and on status changes', async () => {
    const series = codeSeries();
    const row = await codes.create(official, growingAreaBody(series.next()));
    for (const role of ['cooperative', 'enterprise'] as const) {
      const user = await fx.user(role);
      await as(user).post(URL, growingAreaBody(series.next())).expect(403);
      await as(user).post(`${URL}/${row.id}/status`, { to: 'active', reason: 'x' }).expect(403);
      await as(user)
        .post(`${URL}/${row.id}/inspections`, { inspectedOn: '2026-01-05', inspector: 'A', result: 'pass' })
        .expect(403);
    }
    expect(await codes.codes(official, series.prefix)).toEqual([row.code]);
    expect((await as(official).get(`${URL}/${row.id}`).expect(200)).body.status).toBe('pending');
  });

  it('lets an inspector change a status but not register a code (403)', async () => {
    const series = codeSeries();
    const row = await codes.create(official, growingAreaBody(series.next()));
    await as(inspector).post(URL, growingAreaBody(series.next())).expect(403);
    await as(inspector).patch(`${URL}/${row.id}`, { areaHa: 3, version: 1 }).expect(403);
    const res = await as(inspector)
      .post(`${URL}/${row.id}/status`, { to: 'active', reason: 'Kiểm tra đạt' })
      .expect(200);
    expect(res.body.status).toBe('active');
    expect(await codes.codes(official, series.prefix)).toEqual([row.code]);
  });
});

describe('edits (PATCH)', () => {
  it('edits an export code without resending its markets', async () => {
    const row = await codes.create(official, growingAreaBody(codeSeries().next(), { markets: ['CN', 'JP'] }));
    const res = await as(official).patch(`${URL}/${row.id}`, { areaHa: 11.5, version: row.version });
    expect(res.body).toMatchObject({ areaHa: 11.5, markets: ['CN', 'JP'] });
    expect(res.status).toBe(200);
  });

  it('moves a never-inspected code’s next due date when its issue date is corrected', async () => {
    const row = await codes.create(
      official,
      growingAreaBody(codeSeries().next(), { kind: 'domestic', issuedOn: '2026-01-15' }),
    );
    expect(row.nextInspectionDue).toBe('2027-01-15');
    const res = await as(official)
      .patch(`${URL}/${row.id}`, { issuedOn: '2026-02-10', version: row.version })
      .expect(200);
    expect(res.body).toMatchObject({ issuedOn: '2026-02-10', nextInspectionDue: '2027-02-10' });
  });
});

describe('calendar dates and decimal areas', () => {
  it('refuses a date that does not exist (2026-02-30) with 400, on issuedOn and inspectedOn alike', async () => {
    const series = codeSeries();
    const res = await as(official).post(URL, growingAreaBody(series.next(), { issuedOn: '2026-02-30' }));
    expect([res.status, res.body.details]).toEqual([400, [expect.objectContaining({ field: 'issuedOn' })]]);
    const row = await codes.create(official, growingAreaBody(series.next()));
    const inspected = await as(inspector).post(`${URL}/${row.id}/inspections`, {
      inspectedOn: '2026-02-31',
      inspector: 'A',
      result: 'pass',
    });
    expect([inspected.status, inspected.body.details]).toEqual([
      400,
      [expect.objectContaining({ field: 'inspectedOn' })],
    ]);
    expect(await codes.codes(official, series.prefix)).toEqual([row.code]);
  });

  it('keeps plotted hectares exact (0.1 + 0.2 = 0.3), so the declared area may equal the plots’ total', async () => {
    const row = await codes.create(
      official,
      growingAreaBody(codeSeries().next(), { kind: 'domestic', areaHa: 0.5 }),
    );
    for (const areaHa of [0.1, 0.2]) {
      const householdId = (await as(official).post('/api/v1/households', householdBody()).expect(201)).body
        .id;
      await as(official).post(`${URL}/${row.id}/plots`, { householdId, areaHa }).expect(201);
    }
    const current = (await as(official).get(`${URL}/${row.id}`).expect(200)).body;
    expect(current.plottedHa).toBe(0.3);
    const shrunk = await as(official).patch(`${URL}/${row.id}`, { areaHa: 0.3, version: current.version });
    expect([shrunk.status, shrunk.body.areaHa]).toEqual([200, 0.3]);
  });
});
