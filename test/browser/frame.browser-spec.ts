import { HOME } from '../../src/web/nav';
import { TestUser } from '../support/fixtures';
import { deliverCodeActivated } from '../support/notices';
import {
  expectCleanTab,
  expectNoHorizontalScroll,
  focused,
  keyboardLogin,
  login,
  openTab,
  Site,
  startSite,
  Tab,
} from './support';

/** The frame in a real browser: keyboard login, language switch, inbox, logout, a phone's width. */
const COMMUNE = '06613';
let site: Site;
let official: TestUser;
let tab: Tab | undefined;
/** A fresh tab for the test; afterEach checks and closes it. */
const newTab = async (size?: { width: number; height: number }): Promise<Tab> =>
  (tab = await openTab(site, size));

beforeAll(async () => {
  site = await startSite();
  official = await site.fx.user('official', { communeCode: COMMUNE });
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

it('signs in with the keyboard only and lands on the role’s first page', async () => {
  const tab = await newTab();
  const { page } = tab;
  await page.goto('/login');
  // The first Tab stop is the link past the header.
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('a:Bỏ qua, tới nội dung chính');
  await keyboardLogin(tab, official, 'official');
  expect(new URL(page.url()).pathname).toBe(HOME.official);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  await expect(page.getByText(`${official.username} · Cán bộ`).isVisible()).resolves.toBe(true);
});

it('a wrong password keeps the login page with the message, the username kept', async () => {
  const tab = await newTab();
  const { page } = tab;
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(official.username);
  await page.getByLabel('Mật khẩu').fill('không-đúng');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu.');
  expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe(official.username);
  // The form's answer is the page with status 401; nothing else failed.
  expect(tab.problems).toEqual(['401 POST /login']);
  tab.problems.length = 0;
});

it('switches to English and back, staying on the same page', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, official, undefined, '/inbox');
  expect(new URL(page.url()).pathname).toBe('/inbox');
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL('**/inbox');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await page.waitForURL('**/inbox');
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  await page.getByRole('heading', { name: 'Thông báo' }).waitFor();
});

it('opens the inbox from the menu, marks a notification read, and the badge goes', async () => {
  const reader = await site.fx.user('official', { communeCode: COMMUNE });
  const { code } = await deliverCodeActivated(site.app, official, {
    communeCode: COMMUNE,
    reason: '<b>Cấp mã</b> cho Nguyễn Thị Hoa',
  });
  const tab = await newTab();
  const { page } = tab;
  await login(tab, reader);
  // The menu's summary carries the unread count; the inbox entry too.
  const menu = page.locator('details.menu > summary');
  expect((await menu.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Menu 1');
  await menu.click();
  await page.getByRole('link', { name: /Thông báo/ }).click();
  await page.waitForURL('**/inbox');
  const item = page.locator('li.card', { hasText: code });
  expect(await item.locator('strong').textContent()).toContain(`Mã số vùng trồng ${code} có hiệu lực`);
  // The reason is shown as text: no <b> element made from it.
  expect(await item.locator('p').first().textContent()).toBe('<b>Cấp mã</b> cho Nguyễn Thị Hoa');
  expect(await item.locator('b').count()).toBe(0);
  await item.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
  await page.waitForURL('**/inbox');
  await page.locator('li.card', { hasText: code }).getByText('Đã đọc').waitFor();
  expect(await page.locator('details.menu .badge').count()).toBe(0);
  await page.getByText('0 chưa đọc').waitFor();
});

it('logs out from the menu; the pages then ask for a login', async () => {
  const tab = await newTab();
  const { page } = tab;
  await login(tab, official, undefined, '/inbox');
  await page.locator('details.menu > summary').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL('**/login');
  await page.goto('/inbox');
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/login?next=%2Finbox');
  expect((await tab.context.cookies()).map((c) => c.name).sort()).toEqual(['lk_csrf']);
});

describe('at 360 × 640 (a phone)', () => {
  it('the login page has no horizontal scroll', async () => {
    const tab = await newTab({ width: 360, height: 640 });
    await tab.page.goto('/login');
    await expectNoHorizontalScroll(tab.page);
  });

  it('the inbox with a notification and the open menu have no horizontal scroll', async () => {
    await deliverCodeActivated(site.app, official, {
      communeCode: COMMUNE,
      reason: 'Một lý do khá dài để xem dòng chữ có xuống hàng trên màn hình điện thoại hẹp hay không',
    });
    const tab = await newTab({ width: 360, height: 640 });
    await login(tab, official, undefined, '/inbox');
    await expectNoHorizontalScroll(tab.page);
    await tab.page.locator('details.menu > summary').click();
    await expectNoHorizontalScroll(tab.page);
  });
});
