import request from 'supertest';
import { signedIn, TestUser } from '../support/fixtures';
import { cccdFor, householdBody } from '../support/households';
import {
  assetWeight,
  expectCleanTab,
  expectNoHorizontalScroll,
  keyboardLogin,
  login,
  openTab,
  Site,
  startSite,
  Tab,
} from './support';

/** The cooperative's pages in a browser: search as you type, the add-household form, a phone's width. */
let site: Site;
let staff: TestUser;
let cooperativeId: string;
const households: Record<string, string> = {};
let tab: Tab | undefined;
const newTab = async (size?: { width: number; height: number }): Promise<Tab> =>
  (tab = await openTab(site, size));

/** Page weight budget of the household list: its scripts and stylesheets, compressed. */
const ASSET_BUDGET = 150 * 1024;

beforeAll(async () => {
  site = await startSite();
  cooperativeId = (await site.fx.cooperative()).id;
  staff = await site.fx.user('cooperative', { cooperativeId });
  for (const [headName, gender] of [
    ['Nguyễn Thị Hoa', 'female'],
    ['Nguyễn Thị Đào', 'female'],
    ['Hoàng Văn Thụ', 'male'],
    ['<script>window.pwned = 1</script> Lý Văn Sơn', 'male'],
  ] as const) {
    const res = await signedIn(site.app, staff)
      .post('/api/v1/households', householdBody({ headName, gender }))
      .expect(201);
    households[headName] = res.body.id;
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

const resultNames = (tab: Tab) => tab.page.locator('#results tbody tr td:first-child').allInnerTexts();

it('lands on the household list and searches as you type, without diacritics or Enter', async () => {
  const tab = await newTab();
  const { page } = tab;
  await keyboardLogin(tab, staff, 'cooperative');
  expect(new URL(page.url()).pathname).toBe('/households');
  await page.getByRole('heading', { name: 'Sổ hộ gia đình', level: 1 }).waitFor();
  expect((await resultNames(tab)).join('|')).toContain('Hoàng Văn Thụ');

  const documents: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents.push(r.url());
  });
  await page.getByLabel('Tìm theo họ tên').pressSequentially('nguyen thi', { delay: 40 });
  // The list re-renders in place: the two Nguyễn Thị appear, the others go; no page load, no Enter.
  await page.locator('#results').getByText('Hoàng Văn Thụ').waitFor({ state: 'detached' });
  await page.locator('#results').getByText('Nguyễn Thị Hoa').waitFor();
  await page.locator('#results').getByText('Nguyễn Thị Đào').waitFor();
  const names = await resultNames(tab);
  expect(names.every((n) => n.includes('Nguyễn Thị'))).toBe(true);
  expect(names).toHaveLength(2);
  expect(documents).toEqual([]);
  // The address follows the search, so reloading or sharing it shows the same list.
  expect(new URL(page.url()).searchParams.get('search')).toBe('nguyen thi');
  await page.reload();
  expect(await resultNames(tab)).toHaveLength(2);
  expect(await page.getByLabel('Tìm theo họ tên').inputValue()).toBe('nguyen thi');
});

it('shows a name with markup as text, never running it', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, staff, undefined, '/households');
  await page.locator('#results').getByText('<script>window.pwned = 1</script> Lý Văn Sơn').waitFor();
  expect(await page.evaluate('window.pwned')).toBeUndefined();
  await page.goto(`/households/${households['<script>window.pwned = 1</script> Lý Văn Sơn']}`);
  await page.getByRole('heading', { name: '<script>window.pwned = 1</script> Lý Văn Sơn' }).waitFor();
  expect(await page.evaluate('window.pwned')).toBeUndefined();
});

it('the add-household form shows the API’s message beside the CCCD field, then saves a valid one', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, staff, undefined, '/households');
  await Promise.all([
    page.waitForURL('**/households/new'),
    page.getByRole('link', { name: 'Thêm hộ' }).click(),
  ]);
  const badCccd = '020185000001';
  // The API's own message for this CCCD, to find beside the field.
  const api = await request(site.app.getHttpServer())
    .post('/api/v1/households')
    .auth(staff.token, { type: 'bearer' })
    .send(householdBody({ nationalId: badCccd, birthYear: 1985, gender: 'male' }))
    .expect(400);
  const apiMessage = (api.body.details as Array<{ field: string; message: string }>).find(
    (d) => d.field === 'nationalId',
  )!.message;

  await page.getByLabel('Họ tên chủ hộ').fill('Nông Văn Bình');
  await page.getByLabel('Số CCCD').fill(badCccd);
  await page.getByLabel('Giới tính').selectOption('male');
  await page.getByLabel('Năm sinh').fill('1985');
  await page.getByLabel('Dân tộc').selectOption('02');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Xã/phường').selectOption('06427');
  await page.getByLabel('Thôn/bản').fill('Thôn Khòn Pát');
  await page.getByLabel('Số nhân khẩu').fill('4');
  await page.getByLabel('Diện hộ').selectOption('near_poor');
  await page.getByLabel('Ngày đồng ý').fill('2026-03-01');
  await page.getByLabel('Phạm vi chia sẻ').fill('Chương trình 1719');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByRole('alert').first().waitFor();

  const cccd = page.getByLabel('Số CCCD');
  expect(await cccd.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await cccd.getAttribute('aria-describedby'))!.split(' ');
  expect(describedBy).toContain('f-nationalId-error');
  const message = page.locator('#f-nationalId-error');
  expect(await message.textContent()).toBe(apiMessage);
  // Beside the field: in the field's own box, right under the input.
  expect(
    await page.locator('.field.invalid').filter({ has: cccd }).locator('#f-nationalId-error').count(),
  ).toBe(1);
  // What was typed stays.
  expect(await page.getByLabel('Họ tên chủ hộ').inputValue()).toBe('Nông Văn Bình');
  expect(await page.getByLabel('Xã/phường').inputValue()).toBe('06427');
  // The browser logs the form's 400 answer; nothing else went wrong.
  expect(tab.problems).toEqual(['400 POST /households']);
  tab.problems.length = 0;

  await cccd.fill(cccdFor(1985, 'male'));
  await Promise.all([
    page.waitForURL(/\/households\/[0-9a-f-]{36}\?saved=created$/),
    page.getByRole('button', { name: 'Lưu' }).click(),
  ]);
  await page.getByRole('status').getByText('Đã thêm hộ vào sổ.').waitFor();
  await page.getByRole('heading', { name: 'Nông Văn Bình', level: 1 }).waitFor();
  await page.goto('/households?search=nong%20van%20binh');
  expect(await resultNames(tab)).toEqual(['Nông Văn Bình']);
});

it(`the household list's scripts and styles weigh at most ${ASSET_BUDGET / 1024} KB compressed`, async () => {
  const tab = await newTab();
  await login(tab, staff, undefined, '/inbox');
  const weight = await assetWeight(tab, '/households');
  expect(weight.assets.map((a) => new URL(a.url).pathname).sort()).toEqual([
    '/assets/app.css',
    '/assets/app.js',
  ]);
  console.log(
    `household list page: scripts + stylesheets ${weight.bytes} bytes (${(weight.bytes / 1024).toFixed(1)} KB) over the wire: ` +
      weight.assets
        .map(
          (a) =>
            `${new URL(a.url).pathname} ${a.encoded} B (${a.encoding ?? 'identity'}, ${a.decoded} B unpacked)`,
        )
        .join(', '),
  );
  for (const asset of weight.assets) expect(['gzip', 'br']).toContain(asset.encoding);
  expect(weight.bytes).toBeGreaterThan(0);
  expect(weight.bytes).toBeLessThanOrEqual(ASSET_BUDGET);
});

describe('at 360 × 640 (a phone)', () => {
  it.each([
    ['the household list', '/households'],
    ['the household search', '/households?search=nguyen%20thi'],
    ['the add-household form', '/households/new'],
    ['a household', 'detail'],
    ['the members', 'members'],
    ['my codes', '/my-codes'],
    ['the import page', '/imports/households'],
  ])('%s has no horizontal scroll', async (_name, path) => {
    const tab = await newTab({ width: 360, height: 640 });
    const target =
      path === 'detail'
        ? `/households/${households['Nguyễn Thị Hoa']}`
        : path === 'members'
          ? `/cooperatives/${cooperativeId}/members`
          : path;
    await login(tab, staff, undefined, target);
    expect(new URL(tab.page.url()).pathname).toBe(target.split('?')[0]);
    await expectNoHorizontalScroll(tab.page);
  });
});
