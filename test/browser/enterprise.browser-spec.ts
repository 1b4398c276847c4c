import { certificateApi, codeSeries, facilityBody, growingAreaBody } from '../support/certificates';
import { signedIn, TestUser } from '../support/fixtures';
import {
  expectCleanTab,
  expectNoHorizontalScroll,
  keyboardLogin,
  login,
  openTab,
  Site,
  startSite,
  styleOf,
  Tab,
} from './support';

/** The enterprise's pages in a browser: the supply check's form, chart and sources. */
let site: Site;
let official: TestUser;
let buyer: TestUser;
let codes: string[];
let cooperativeName: string;
let tab: Tab | undefined;
const newTab = async (size?: { width: number; height: number }): Promise<Tab> =>
  (tab = await openTab(site, size));

/** Two active CN custard-apple codes packed by an active CN facility, with forecasts in YEAR. */
const YEAR = 2043;
beforeAll(async () => {
  site = await startSite();
  const { app, fx } = site;
  official = await fx.user('official');
  const api = certificateApi(app, 'growing-areas');
  const facilities = certificateApi(app, 'packing-facilities');
  const series = codeSeries();
  const cooperative = await fx.cooperative();
  cooperativeName = cooperative.name;
  buyer = await fx.user('enterprise');
  const made = [
    await api.create(official, growingAreaBody(series.next(), { cooperativeId: cooperative.id })),
    await api.create(official, growingAreaBody(series.next(), { cooperativeId: cooperative.id })),
  ];
  for (const code of made) await api.moveTo(official, code.id, 'active');
  const facility = await facilities.create(
    official,
    facilityBody(series.next(), { operatorCooperativeId: cooperative.id }),
  );
  await facilities.moveTo(official, facility.id, 'active');
  for (const code of made) {
    await signedIn(app, official)
      .post(`/api/v1/packing-facilities/${facility.id}/sources/${code.id}`)
      .expect(201);
  }
  const forecast = (id: string, periodStart: string, periodEnd: string, volume: number) =>
    signedIn(app, official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, {
        productCode: 'custard-apple',
        periodStart,
        periodEnd,
        volume,
      })
      .expect(201);
  await forecast(made[0].id, `${YEAR}-08-01`, `${YEAR}-09-30`, 6100);
  await forecast(made[1].id, `${YEAR}-08-01`, `${YEAR}-08-31`, 3100);
  codes = made.map((c) => c.code);
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

/** Asks the supply check through its form, by label, as a person would. */
async function askSupply(tab: Tab): Promise<void> {
  const { page } = tab;
  await page.getByLabel('Sản phẩm').selectOption('custard-apple');
  await page.getByLabel('Thị trường').selectOption('CN');
  await page.getByLabel('Từ ngày').fill(`${YEAR}-08-01`);
  await page.getByLabel('Đến ngày').fill(`${YEAR}-09-30`);
  await page.getByLabel('Chia theo').selectOption('month');
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('from') === `${YEAR}-08-01`),
    page.getByRole('button', { name: 'Xem nguồn cung' }).click(),
  ]);
}

it('lands on the supply check, which answers with the SVG chart and the sources table', async () => {
  const tab = await newTab();
  const { page } = tab;
  await keyboardLogin(tab, buyer, 'enterprise');
  expect(new URL(page.url()).pathname).toBe('/supply');
  await page.getByRole('heading', { name: 'Kiểm tra nguồn cung', level: 1 }).waitFor();
  await askSupply(tab);
  // The chart: an SVG image with its title, bars per series and month, drawn and visible.
  const chart = page.getByRole('img', { name: /Nguồn cung/ });
  expect(await chart.evaluate((e) => e.tagName.toLowerCase())).toBe('svg');
  expect(await chart.isVisible()).toBe(true);
  expect(await chart.locator('rect[data-series="forecast"]').count()).toBe(2);
  const box = await chart.boundingBox();
  expect(box!.width).toBeGreaterThan(100);
  expect(box!.height).toBeGreaterThan(50);
  // Totals and the sources table.
  expect((await page.locator('[data-total="forecast"]').textContent())!.replace(/\s+/g, ' ').trim()).toBe(
    '9.200 kg',
  );
  const sources = page.locator('section[aria-labelledby="supply-sources"] table');
  await sources.waitFor();
  for (const code of codes) await sources.getByText(code).waitFor();
  expect(await sources.locator('tbody tr').count()).toBe(2);
  expect(await sources.textContent()).toContain(cooperativeName);
});

it('the supply check with results has no horizontal scroll at 360 × 640', async () => {
  const tab = await newTab({ width: 360, height: 640 });
  await login(tab, buyer);
  await askSupply(tab);
  await tab.page.getByRole('img', { name: /Nguồn cung/ }).waitFor();
  await expectNoHorizontalScroll(tab.page);
  // Table rows stack: the header row hidden, each cell a line led by its column's name (data-label).
  const table = tab.page.locator('section[aria-labelledby="supply-sources"] table');
  expect(await table.locator('thead').isVisible()).toBe(false);
  const cell = table.locator('tbody td').first();
  expect(await styleOf(cell, 'display')).toBe('flex');
  expect(await styleOf(cell, 'content', '::before')).toBe('"Mã vùng trồng"');
  // The contracts list and the new-contract form too.
  for (const path of ['/contracts', '/contracts/new']) {
    await tab.page.goto(path);
    await expectNoHorizontalScroll(tab.page);
  }
});
