import { INestApplication } from '@nestjs/common';
import { createTestApp } from './support/app';
import {
  Certificate,
  certificateApi,
  codeSeries,
  facilityBody,
  growingAreaBody,
  plusDays,
  plusMonths,
  vnToday,
} from './support/certificates';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { householdBody } from './support/households';
import { webLogin } from './support/web';

/**
 * The official's and inspector's pages (SPEC §8): dashboard, codes and facilities with their flags,
 * the boundary map, inspection and status forms, disbursement progress and probable duplicates —
 * over the API's own services, so they show (and refuse) exactly what the API does.
 */
let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
let inspector: TestUser;
let coopUser: TestUser;
let cooperativeId: string;
let codes: ReturnType<typeof certificateApi>;
let facilities: ReturnType<typeof certificateApi>;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  const cooperative = await fx.cooperative();
  cooperativeId = cooperative.id;
  [official, inspector, coopUser] = [
    await fx.user('official'),
    await fx.user('inspector'),
    await fx.user('cooperative', { cooperativeId }),
  ];
  codes = certificateApi(app, 'growing-areas');
  facilities = certificateApi(app, 'packing-facilities');
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);

/** A small square of about 110 × 100 m in Cai Kinh (closed ring, longitude first). */
const BOUNDARY = {
  type: 'Polygon',
  coordinates: [
    [
      [106.6, 21.8],
      [106.601, 21.8],
      [106.601, 21.801],
      [106.6, 21.801],
      [106.6, 21.8],
    ],
  ],
};

/** Four codes of one test: overdue (active, issued 7 months ago), due soon, suspended, and pending with a boundary. */
async function fourCodes(): Promise<{
  prefix: string;
  overdue: Certificate;
  due: Certificate;
  suspended: Certificate;
  pending: Certificate;
}> {
  const series = codeSeries();
  const today = vnToday();
  const create = (overrides: Record<string, unknown>) =>
    codes.create(official, growingAreaBody(series.next(), { cooperativeId, ...overrides }));
  const overdue = await create({ issuedOn: plusMonths(today, -7) });
  await codes.moveTo(official, overdue.id, 'active');
  const due = await create({ issuedOn: plusDays(plusMonths(today, -6), 5) });
  await codes.moveTo(official, due.id, 'active');
  const suspended = await create({ kind: 'domestic' });
  await codes.moveTo(official, suspended.id, 'active', 'suspended');
  const pending = await create({ boundary: BOUNDARY, areaHa: 1.1 });
  return { prefix: series.prefix, overdue, due, suspended, pending };
}

/** The page's text with every run of white space as one space. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** The code numbers listed in a codes-list page or fragment, in order. */
const listedCodes = (text: string): string[] =>
  [...text.matchAll(/<a href="\/codes\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('dashboard', () => {
  it('shows the figures per product with poor and ethnic-minority shares, and the year’s disbursement, in Vietnamese', async () => {
    const product = `w-${unique()}`.toLowerCase();
    await as(official)
      .post('/api/v1/products', {
        code: product,
        name: 'Test anise',
        nameVi: 'Hồi thử nghiệm',
        kind: 'crop',
        unit: 'kg',
        harvestMonths: [8, 9],
      })
      .expect(201);
    const model = (
      await as(official)
        .post('/api/v1/value-chains', {
          name: `${unique()} Liên kết hồi thử nghiệm`,
          productCode: product,
          programme: 'other',
          leadCooperativeId: cooperativeId,
          communeCodes: ['06427'],
          startsOn: '2043-02-01',
          endsOn: '2044-12-31',
          budget: {
            state: 2_000_000_000,
            counterpart: 500_000_000,
            household: 0,
            enterprise: 0,
            stateByCapitalType: { investment: 1_500_000_000, recurrent: 500_000_000 },
          },
          decisionNumber: '43/QĐ-UBND',
          decisionDate: '2043-01-10',
        })
        .expect(201)
    ).body.id as string;
    // One poor Tày household of 1.5 ha, one Kinh household (not poor) of 2 ha.
    for (const [povertyStatus, ethnicity, areaHa] of [
      ['poor', '02', 1.5],
      ['none', '01', 2],
    ] as const) {
      const household = (
        await as(coopUser).post('/api/v1/households', householdBody({ povertyStatus, ethnicity })).expect(201)
      ).body.id;
      await as(official)
        .post(`/api/v1/value-chains/${model}/households`, { householdId: household, areaHa })
        .expect(201);
    }
    for (const to of ['submitted', 'approved']) {
      await as(official).post(`/api/v1/value-chains/${model}/transitions`, { to }).expect(200);
    }
    await as(official)
      .post(`/api/v1/value-chains/${model}/disbursements`, {
        source: 'state',
        capitalType: 'investment',
        amountVnd: 750_000_000,
        paidOn: '2043-06-30',
        voucher: 'UNC 43/2043',
      })
      .expect(201);

    const web = await webLogin(app, official);
    const page = await web.get('/dashboard?year=2043');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="vi">');
    expect(page.text).toContain('Tổng quan chương trình');
    expect(page.text).toContain('Mã số vùng trồng');
    const row = new RegExp(`<tr data-product="${product}">([\\s\\S]*?)</tr>`).exec(page.text)![1];
    const cells = [...row.matchAll(/<t[hd][^>]*>\s*([^<]*?)\s*<\/t[hd]>/g)].map((m) => m[1]);
    expect(cells).toEqual(['Hồi thử nghiệm', '1', '2', '3,5 ha', '50%', '50%']);
    // Plan versus disbursed of 2043 (programme "other" is this test's alone): 1,500 million of
    // investment capital planned, 750 paid (50 %), in Vietnamese number format.
    expect(page.text).toContain('Kế hoạch vốn và giải ngân năm 2043');
    const investment = /<tr data-line="other\|state\|investment">([\s\S]*?)<\/tr>/.exec(page.text)![1];
    expect(investment).toContain('vốn đầu tư phát triển');
    expect(investment).toMatch(/>1\.500</);
    expect(investment).toMatch(/>750</);
    expect(investment).toMatch(/>50%</);
    expect(page.text).toMatch(/data-figure="codes">[\d.]+</);

    // English: the same figures written the English way.
    await web.get('/lang/en?next=/dashboard');
    const english = await web.get('/dashboard?year=2043');
    expect(english.text).toContain('Programme dashboard');
    expect(english.text).toContain('3.5 ha');
    expect(/<tr data-line="other\|state\|investment">([\s\S]*?)<\/tr>/.exec(english.text)![1]).toMatch(
      />1,500</,
    );

    // The value-chain page of that year: the model's progress per source and overall, and the summary.
    await web.get('/lang/vi?next=/');
    const chains = await web.get('/value-chains?year=2043&programme=other');
    expect(chains.status).toBe(200);
    expect(chains.text).toContain('Tổng hợp các mô hình bắt đầu năm 2043');
    expect(chains.text).toContain(`href="/value-chains/${model}"`);
    expect(chains.text).toContain('750 / 2.500 triệu đồng (30%)');
    expect(flat(chains.text)).toContain('Ngân sách nhà nước (vốn đầu tư phát triển): 750 / 1.500');
    const fragment = await web.get('/value-chains?year=2043&programme=other', { 'X-Partial': '1' });
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain(`href="/value-chains/${model}"`);
    expect((await web.get('/value-chains?year=1999')).status).toBe(400);

    const detail = await web.get(`/value-chains/${model}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('UNC 43/2043');
    expect(detail.text).toContain('Số 43/QĐ-UBND, ngày 10/01/2043');
    expect(detail.text).toMatch(/data-figure="poor">50%</);
    // A model outside a commune-bound official's commune answers 404, as in the API.
    const elsewhere = await webLogin(app, await fx.user('official', { communeCode: '06196' }));
    expect((await elsewhere.get(`/value-chains/${model}`)).status).toBe(404);

    // Inspectors see the figures but not the disbursement report (an admin's and official's report).
    const inspectorPage = await (await webLogin(app, inspector)).get('/dashboard?year=2043');
    expect(inspectorPage.status).toBe(200);
    expect(inspectorPage.text).not.toContain('Kế hoạch vốn và giải ngân');
  });

  it('is where officials and inspectors land, and the menu lists their pages', async () => {
    const web = await webLogin(app, inspector);
    const home = await web.get('/home');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/dashboard');
    const page = await web.get('/dashboard');
    for (const href of ['/dashboard', '/codes', '/facilities', '/value-chains'])
      expect(page.text).toContain(`href="${href}"`);
    expect(page.text).not.toContain('href="/duplicates"');
    expect((await web.get('/duplicates')).status).toBe(403);
  });
});

describe('growing-area codes', () => {
  it('lists codes with status, due and overdue tags, filters them with the API’s query, and answers a fragment while typing', async () => {
    const c = await fourCodes();
    const web = await webLogin(app, official);
    const list = await web.get(`/codes?search=${c.prefix}&sort=code`);
    expect(list.status).toBe(200);
    expect(listedCodes(list.text)).toEqual([c.overdue.code, c.due.code, c.suspended.code, c.pending.code]);
    const rowOf = (code: string) => new RegExp(`${code}</a>[\\s\\S]*?</tr>`).exec(list.text)![0];
    expect(rowOf(c.overdue.code)).toContain('<span class="tag overdue">Quá hạn kiểm tra</span>');
    expect(rowOf(c.due.code)).toContain('<span class="tag due">Sắp đến hạn kiểm tra</span>');
    expect(rowOf(c.suspended.code)).toContain('<span class="tag suspended">Tạm dừng</span>');
    expect(rowOf(c.pending.code)).toContain('<span class="tag pending">Chờ hiệu lực</span>');
    expect(rowOf(c.overdue.code)).toContain('<span class="tag active">Đang hiệu lực</span>');

    const only = async (query: string) =>
      listedCodes((await web.get(`/codes?search=${c.prefix}&${query}`)).text);
    expect(await only('overdue=true')).toEqual([c.overdue.code]);
    expect(await only('status=suspended')).toEqual([c.suspended.code]);
    expect(await only('kind=domestic')).toEqual([c.suspended.code]);
    expect((await only('market=cn&sort=code')).length).toBe(3);
    expect(await only(`inspectionDueBefore=${plusDays(vnToday(), 30)}&status=active&sort=code`)).toEqual([
      c.overdue.code,
      c.due.code,
    ]);

    const fragment = await web.get(`/codes?search=${c.prefix}&status=pending`, { 'X-Partial': '1' });
    expect(fragment.status).toBe(200);
    expect(fragment.text).not.toMatch(/<html|<form/);
    expect(listedCodes(fragment.text)).toEqual([c.pending.code]);

    // A filter the API refuses: 400 with its message beside the field.
    const bad = await web.get(`/codes?search=${c.prefix}&market=XYZ&inspectionDueBefore=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /id="f-market"[^>]*aria-invalid="true"[\s\S]*?<p class="error" id="f-market-error">market must be an ISO 3166 alpha-2 country code<\/p>/,
    );
    expect(bad.text).toContain('id="f-inspectionDueBefore-error"');
  });

  it('shows a code’s facts, its boundary map (or its absence), plots, inspections and history; 404 out of scope', async () => {
    const c = await fourCodes();
    const web = await webLogin(app, official);
    const withMap = await web.get(`/codes/${c.pending.id}`);
    expect(withMap.status).toBe(200);
    expect(withMap.text).toContain(`Mã số vùng trồng ${c.pending.code}`);
    expect(withMap.text).toMatch(
      /<svg class="map" viewBox="0 0 600 400" role="img" aria-label="Ranh giới vùng trồng/,
    );
    expect(withMap.text).toMatch(/data-scale-metres="\d+">\d+ m</);
    expect(withMap.text).toContain('0 thửa, đã phân 0 ha trên 1,1 ha đăng ký');
    const without = await web.get(`/codes/${c.suspended.id}`);
    expect(without.text).toContain('Chưa có ranh giới được ghi nhận.');
    expect(without.text).not.toContain('<svg class="map"');
    // The history names the change, the reason and who made it.
    const history = /<section id="history">([\s\S]*?)<\/section>/.exec(without.text)![1];
    expect(history).toContain('Đổi trạng thái: Đang hiệu lực → Tạm dừng');
    expect(history).toContain('Chuyển sang suspended');
    expect(history).toContain(official.username);

    // A commune-bound official elsewhere: the list leaves the code out, its page answers 404.
    const elsewhere = await webLogin(app, await fx.user('official', { communeCode: '06196' }));
    expect((await elsewhere.get(`/codes/${c.pending.id}`)).status).toBe(404);
    expect(listedCodes((await elsewhere.get(`/codes?search=${c.prefix}`)).text)).toEqual([]);
    // Cooperative staff read their own code, without the inspectors' forms.
    const coop = await (await webLogin(app, coopUser)).get(`/codes/${c.pending.id}`);
    expect(coop.status).toBe(200);
    expect(coop.text).not.toContain('action="/codes/');
  });

  it('records an inspection from the form: the API’s messages beside the fields, a fail that suspends, then redirect', async () => {
    const c = await fourCodes();
    const web = await webLogin(app, inspector);
    const page = await web.get(`/codes/${c.overdue.id}`);
    expect(page.text).toContain('Ghi kết quả kiểm tra');
    const action = `/codes/${c.overdue.id}/inspections`;

    const empty = await web.post(action, { inspectedOn: vnToday(), inspector: '', result: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="f-result"[^>]*aria-invalid="true"/);
    expect(empty.text).toMatch(
      /<p class="error" id="f-result-error">result must be one of the following values/,
    );
    expect(empty.text).toContain('id="f-inspector-error"');
    expect(empty.text).toContain('Vui lòng sửa các ô được đánh dấu bên dưới.');

    const passSuspends = await web.post(action, {
      inspectedOn: vnToday(),
      inspector: 'Vi Văn Hùng',
      result: 'pass',
      suspend: 'true',
    });
    expect(passSuspends.status).toBe(422);
    expect(passSuspends.text).toContain('Only a failed inspection can suspend in the same request');
    expect(passSuspends.text).toContain('value="Vi Văn Hùng"');

    const done = await web.post(action, {
      inspectedOn: vnToday(),
      inspector: 'Vi Văn Hùng',
      result: 'fail',
      findings: 'Dư lượng vượt ngưỡng',
      residueTestPassed: 'false',
      diaryKept: 'true',
      suspend: 'true',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/codes/${c.overdue.id}?saved=inspection#inspections`);
    const after = await web.get(done.headers.location);
    expect(after.text).toContain('Đã ghi kết quả kiểm tra.');
    expect(after.text).toContain('<span class="tag suspended">Tạm dừng</span>');
    const inspections = /<section id="inspections">([\s\S]*?)<\/section>/.exec(after.text)![1];
    expect(inspections).toContain('Vi Văn Hùng');
    expect(inspections).toContain('Không đạt');
    expect(inspections).toContain('Dư lượng vượt ngưỡng');
    const api = (await as(official).get(`/api/v1/growing-areas/${c.overdue.id}`).expect(200)).body;
    expect(api).toMatchObject({ status: 'suspended', lastInspectedOn: vnToday(), overdue: false });

    // Without the CSRF field the form is refused.
    const forged = await web.post(action, {
      _csrf: undefined,
      inspectedOn: vnToday(),
      inspector: 'X',
      result: 'pass',
    });
    expect(forged.status).toBe(403);
    // Enterprise staff may not record inspections (the API's roles).
    const enterprise = await webLogin(app, await fx.user('enterprise'));
    expect(
      (await enterprise.post(action, { inspectedOn: vnToday(), inspector: 'X', result: 'pass' })).status,
    ).toBe(403);
  });

  it('changes the status from the form, showing the 409 that names the allowed states', async () => {
    const c = await fourCodes();
    const web = await webLogin(app, inspector);
    const action = `/codes/${c.suspended.id}/status`;
    const illegal = await web.post(action, { to: 'pending', reason: 'Thử' });
    expect(illegal.status).toBe(409);
    expect(illegal.text).toMatch(/is suspended; it may go to active, revoked, not pending/);
    const noReason = await web.post(action, { to: 'active', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="f-reason-error"');
    const done = await web.post(action, { to: 'active', reason: 'Đã khắc phục sau kiểm tra lại' });
    expect(done.status).toBe(303);
    const after = await web.get(done.headers.location);
    expect(after.text).toContain('Đã đổi trạng thái.');
    expect(after.text).toContain('Trạng thái hiện tại: Đang hiệu lực');
    const history = /<section id="history">([\s\S]*?)<\/section>/.exec(after.text)![1];
    expect(history).toContain('Đã khắc phục sau kiểm tra lại');
    expect(history).toContain(inspector.username);
    // Sub-lists page by their own parameter; on a page drawn again after a refusal they link back to the code.
    for (let i = 0; i < 11; i++) {
      await as(inspector)
        .post(`/api/v1/growing-areas/${c.due.id}/inspections`, {
          inspectedOn: plusDays(vnToday(), -i),
          inspector: 'Vi Văn Hùng',
          result: 'pass',
        })
        .expect(201);
    }
    const refused = await web.post(`/codes/${c.due.id}/status`, { to: 'suspended', reason: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`href="/codes/${c.due.id}?ipage=2#inspections"`);
    const second = await web.get(`/codes/${c.due.id}?ipage=2`);
    expect(/<section id="inspections">([\s\S]*?)<\/section>/.exec(second.text)![1]).toContain('Trang 2/2');
    // Revoked is final: no form is offered.
    await codes.moveTo(official, c.pending.id, 'revoked');
    expect((await web.get(`/codes/${c.pending.id}`)).text).toContain(
      'Đã thu hồi: không thể đổi trạng thái nữa.',
    );
  });
});

describe('packing facilities', () => {
  it('lists facilities with their flags, and shows one with its sources and an inspection form', async () => {
    const c = await fourCodes();
    const series = codeSeries();
    const facility = await facilities.create(
      official,
      facilityBody(series.next(), {
        operatorCooperativeId: cooperativeId,
        issuedOn: plusMonths(vnToday(), -7),
      }),
    );
    await facilities.moveTo(official, facility.id, 'active');
    await as(official).post(`/api/v1/packing-facilities/${facility.id}/sources/${c.overdue.id}`).expect(201);

    const web = await webLogin(app, official);
    const list = await web.get(`/facilities?search=${series.prefix}&overdue=true`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/facilities/${facility.id}"`);
    expect(list.text).toContain('<span class="tag overdue">Quá hạn kiểm tra</span>');
    expect((await web.get(`/facilities?search=${series.prefix}&status=pending`)).text).toContain(
      'Không có kết quả.',
    );

    const detail = await web.get(`/facilities/${facility.id}`);
    expect(detail.status).toBe(200);
    const sources = /<section id="sources"[^>]*>([\s\S]*?)<\/section>/.exec(detail.text)![1];
    expect(sources).toContain(`href="/codes/${c.overdue.id}"`);
    expect(sources).toContain(c.overdue.code);

    const done = await web.post(`/facilities/${facility.id}/inspections`, {
      inspectedOn: vnToday(),
      inspector: 'Hoàng Thị Lan',
      result: 'minor',
    });
    expect(done.status).toBe(303);
    const after = await web.get(done.headers.location);
    expect(after.text).toContain('Cần khắc phục');
    expect(after.text).not.toContain('<span class="tag overdue">');

    const elsewhere = await webLogin(app, await fx.user('inspector', { communeCode: '06196' }));
    expect((await elsewhere.get(`/facilities/${facility.id}`)).status).toBe(404);
  });
});

describe('probable duplicates', () => {
  /** Two households of one village whose heads’ names differ by accents: a probable duplicate pair. */
  async function pair(names: [string, string]): Promise<{ ids: string[]; pairId: string }> {
    const village = `Thôn Trùng ${unique()}`;
    const ids: string[] = [];
    for (const headName of names) {
      ids.push(
        (await as(coopUser).post('/api/v1/households', householdBody({ headName, village })).expect(201)).body
          .id,
      );
    }
    const found = await as(official).get(`/api/v1/integrity/duplicates?householdId=${ids[0]}`).expect(200);
    return { ids, pairId: found.body.items[0].id };
  }

  it('shows pairs side by side with the differing fields marked, and merges or dismisses them from the page', async () => {
    const first = await pair(['Nông Văn Tài', 'Nong Van Tai']);
    const web = await webLogin(app, official);
    const list = await web.get(`/duplicates?householdId=${first.ids[0]}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Hộ nghi trùng lặp');
    const card = new RegExp(`<article[^>]*data-pair="${first.pairId}">([\\s\\S]*?)</article>`).exec(
      list.text,
    )![1];
    expect(card).toContain('Nông Văn Tài');
    expect(card).toContain('Nong Van Tai');
    expect(card).toContain('data-differs="headName"');
    expect(card).not.toContain('data-differs="birthYear"');
    expect(card).toMatch(/\d{6}\*{6}/);
    expect(card).toContain('data-confirm=');
    const fragment = await web.get(`/duplicates?householdId=${first.ids[0]}`, { 'X-Partial': '1' });
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain(`data-pair="${first.pairId}"`);

    const dismissed = await web.post(`/duplicates/${first.pairId}/dismiss`, { note: 'Hai anh em' });
    expect(dismissed.status).toBe(303);
    expect((await web.get(dismissed.headers.location)).text).toContain(
      'Đã ghi nhận: hai hộ không trùng nhau.',
    );
    const decided = await web.get(`/duplicates?householdId=${first.ids[0]}&status=dismissed`);
    expect(decided.text).toContain('Ghi chú khi xử lý: Hai anh em');
    // Deciding twice: the API's 409, shown on the page.
    const again = await web.post(`/duplicates/${first.pairId}/dismiss`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('This pair was already dismissed');

    const second = await pair(['Lương Thị Hoa', 'Luong Thi Hoa']);
    const badKeep = await web.post(`/duplicates/${second.pairId}/merge`, { keepHouseholdId: 'nope' });
    expect(badKeep.status).toBe(400);
    expect(badKeep.text).toContain('keepHouseholdId must be a UUID');
    const merged = await web.post(`/duplicates/${second.pairId}/merge`, { keepHouseholdId: second.ids[0] });
    expect(merged.status).toBe(303);
    expect(merged.headers.location).toBe('/duplicates?saved=merged');
    await as(official).get(`/api/v1/households/${second.ids[1]}`).expect(404);

    // Cooperative staff have no access (the API's integrity roles).
    expect((await (await webLogin(app, coopUser)).get('/duplicates')).status).toBe(403);
  });
});
