import {
  Certificate,
  certificateApi,
  codeSeries,
  facilityBody,
  growingAreaBody,
  plusDays,
  plusMonths,
  vnToday,
} from '../support/certificates';
import { signedIn, TestUser } from '../support/fixtures';
import { householdBody } from '../support/households';
import {
  expectCleanTab,
  expectNoHorizontalScroll,
  keyboardLogin,
  login,
  openTab,
  Site,
  startSite,
  Tab,
} from './support';

/** The official's pages in a browser: dashboard figures, the codes list's tags, a code's map, an inspection. */
let site: Site;
let official: TestUser;
let codes: { overdue: Certificate; due: Certificate; suspended: Certificate; mapped: Certificate };
let tab: Tab | undefined;
const newTab = async (size?: { width: number; height: number }): Promise<Tab> =>
  (tab = await openTab(site, size));

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

/** On this spec's own database: one code overdue, one due soon, one suspended, one drawn on the map (issued today). */
beforeAll(async () => {
  site = await startSite();
  const { app, fx } = site;
  official = await fx.user('official');
  const cooperativeId = (await fx.cooperative()).id;
  const api = certificateApi(app, 'growing-areas');
  const series = codeSeries();
  const today = vnToday();
  const create = (overrides: Record<string, unknown>) =>
    api.create(official, growingAreaBody(series.next(), { cooperativeId, ...overrides }));
  const overdue = await create({ issuedOn: plusMonths(today, -7) });
  await api.moveTo(official, overdue.id, 'active');
  const due = await create({ issuedOn: plusDays(plusMonths(today, -6), 5) });
  await api.moveTo(official, due.id, 'active');
  const suspended = await create({ kind: 'domestic' });
  await api.moveTo(official, suspended.id, 'active', 'suspended');
  const mapped = await create({ boundary: BOUNDARY, areaHa: 1.1, issuedOn: today });
  await api.moveTo(official, mapped.id, 'active');
  codes = { overdue, due, suspended, mapped };
  // Something on every list the phone test opens: a facility, a value chain, a probable duplicate pair.
  const facilities = certificateApi(app, 'packing-facilities');
  const facility = await facilities.create(
    official,
    facilityBody(series.next(), { operatorCooperativeId: cooperativeId }),
  );
  await facilities.moveTo(official, facility.id, 'active');
  await signedIn(app, official)
    .post('/api/v1/value-chains', {
      name: 'Liên kết sản xuất và tiêu thụ na Chi Lăng theo tiêu chuẩn VietGAP giai đoạn 2026–2028',
      productCode: 'custard-apple',
      programme: 'other',
      leadCooperativeId: cooperativeId,
      communeCodes: ['06427'],
      startsOn: '2026-02-01',
      endsOn: '2028-12-31',
      budget: {
        state: 2_000_000_000,
        counterpart: 500_000_000,
        household: 0,
        enterprise: 0,
        stateByCapitalType: { investment: 1_500_000_000, recurrent: 500_000_000 },
      },
      decisionNumber: '26/QĐ-UBND',
      decisionDate: '2026-01-10',
    })
    .expect(201);
  const staff = await fx.user('cooperative', { cooperativeId });
  for (const headName of ['Nông Văn Tài', 'Nong Van Tai']) {
    await signedIn(app, staff)
      .post('/api/v1/households', householdBody({ headName, village: 'Thôn Trùng Tên' }))
      .expect(201);
  }
});
afterAll(() => site?.close());
afterEach(async () => {
  const done = tab;
  tab = undefined;
  if (done) {
    await done.close();
    expectCleanTab(done);
  }
});

const figure = async (tab: Tab, key: string): Promise<string> =>
  ((await tab.page.locator(`[data-figure="${key}"]`).textContent()) ?? '').trim();

it('lands on the dashboard with the programme’s figures', async () => {
  const tab = await newTab();
  const { page } = tab;
  await keyboardLogin(tab, official, 'official');
  expect(new URL(page.url()).pathname).toBe('/dashboard');
  await page.getByRole('heading', { name: 'Tổng quan chương trình', level: 1 }).waitFor();
  expect(await figure(tab, 'codes')).toBe('4');
  expect(await figure(tab, 'suspended')).toBe('1');
  expect(await figure(tab, 'overdue')).toBe('1');
  expect(await figure(tab, 'due')).toBe('1');
  // The figure's link opens the list it counts.
  await page
    .locator('.card', { has: page.locator('[data-figure="overdue"]') })
    .getByRole('link')
    .click();
  await page.waitForURL('**/codes?overdue=true*');
  await page.locator('#results').getByRole('link', { name: codes.overdue.code }).waitFor();
  expect(await page.locator('#results tbody tr').count()).toBe(1);
});

it('lists the codes with their status and inspection tags', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, official, undefined, '/codes');
  await page.getByRole('heading', { name: 'Mã số vùng trồng', level: 1 }).waitFor();
  const row = (code: string) =>
    page.locator('#results tbody tr', { has: page.getByRole('link', { name: code }) });
  const tags = async (code: string) => (await row(code).locator('.tag').allInnerTexts()).map((t) => t.trim());
  expect(await tags(codes.overdue.code)).toEqual(['Đang hiệu lực', 'Quá hạn kiểm tra']);
  expect(await tags(codes.due.code)).toEqual(['Đang hiệu lực', 'Sắp đến hạn kiểm tra']);
  expect(await tags(codes.suspended.code)).toEqual(['Tạm dừng']);
  expect(await tags(codes.mapped.code)).toEqual(['Đang hiệu lực']);
  // The tags are coloured by class, not only by words.
  expect(await row(codes.overdue.code).locator('.tag.overdue').count()).toBe(1);
  expect(await row(codes.suspended.code).locator('.tag.suspended').count()).toBe(1);
});

it('a code’s page draws its boundary as an SVG path', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, official, undefined, '/codes');
  await Promise.all([
    page.waitForURL(`**/codes/${codes.mapped.id}`),
    page.getByRole('link', { name: codes.mapped.code }).click(),
  ]);
  const map = page.getByRole('img', { name: `Ranh giới vùng trồng ${codes.mapped.code}` });
  expect(await map.evaluate((e) => e.tagName.toLowerCase())).toBe('svg');
  const boundary = map.locator('path').first();
  const d = (await boundary.getAttribute('d'))!;
  expect(d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){4} Z$/);
  const box = (await boundary.boundingBox())!;
  expect(box.width).toBeGreaterThan(50);
  expect(box.height).toBeGreaterThan(50);
  expect(await map.isVisible()).toBe(true);
  // A code without a boundary says so instead.
  await page.goto(`/codes/${codes.due.id}`);
  await page.getByText('Bản đồ ranh giới').waitFor();
  expect(await page.locator('svg.map').count()).toBe(0);
});

it('records an inspection: the API’s message beside a missing field, then saved and the overdue tag gone', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, official, undefined, `/codes/${codes.overdue.id}`);
  const form = page.locator('#inspect form');
  await form.getByLabel('Cán bộ kiểm tra (ghi trên biên bản)').fill('Hoàng Văn Nam');
  await form.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click();
  await page.locator('#f-result-error').waitFor();
  expect(await form.getByRole('combobox', { name: 'Kết quả' }).getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByRole('combobox', { name: 'Kết quả' }).getAttribute('aria-describedby')).toContain(
    'f-result-error',
  );
  expect((await page.locator('#f-result-error').textContent())!.trim()).toMatch(/^result must be one of/);
  expect(await form.getByLabel('Cán bộ kiểm tra (ghi trên biên bản)').inputValue()).toBe('Hoàng Văn Nam');
  expect(tab.problems).toEqual([`400 POST /codes/${codes.overdue.id}/inspections`]);
  tab.problems.length = 0;

  await form.getByLabel('Ngày kiểm tra').fill(vnToday());
  await form.getByRole('combobox', { name: 'Kết quả' }).selectOption('pass');
  await form.getByLabel('Nhận xét, tồn tại phát hiện').fill('Vườn sạch, ghi chép đầy đủ.');
  await Promise.all([
    page.waitForURL(`**/codes/${codes.overdue.id}?saved=inspection#inspections`),
    form.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click(),
  ]);
  await page.getByRole('status').getByText('Đã ghi kết quả kiểm tra.').waitFor();
  await page.locator('#inspections').getByText('Hoàng Văn Nam').waitFor();
  await page.locator('#inspections').getByText('Vườn sạch, ghi chép đầy đủ.').waitFor();
  expect(await page.locator('dl.facts .tag.overdue').count()).toBe(0);
});

describe('at 360 × 640 (a phone)', () => {
  it.each([
    ['the dashboard', '/dashboard'],
    ['the codes list', '/codes'],
    ['a code with its map', 'mapped'],
    ['the facilities list', '/facilities'],
    ['the value chains', '/value-chains'],
    ['the probable duplicates', '/duplicates'],
  ])('%s has no horizontal scroll', async (_name, path) => {
    const tab = await newTab({ width: 360, height: 640 });
    const target = path === 'mapped' ? `/codes/${codes.mapped.id}` : path;
    await login(tab, official, undefined, target);
    expect(new URL(tab.page.url()).pathname).toBe(target);
    await expectNoHorizontalScroll(tab.page);
    if (path !== '/dashboard' && path !== 'mapped') {
      // The list has a row to lay out (seeded above), not just its empty message.
      expect(
        await tab.page.locator('#results tbody tr, main table tbody tr, main .card li').count(),
      ).toBeGreaterThan(0);
    }
    if (path === 'mapped') {
      // The map shrinks to the screen rather than overflowing it.
      const box = (await tab.page.locator('svg.map').boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(360);
      expect(box.width).toBeGreaterThan(200);
    }
  });
});
