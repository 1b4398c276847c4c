import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import type { Role } from '../../src/auth/role';
import { HOME } from '../../src/web/nav';
import { createTestApp } from '../support/app';
import { Fixtures, PASSWORD } from '../support/fixtures';

/** Debian's chromium (CI installs it: .ci/run); CHROMIUM_PATH names another binary. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches chromium, or fails with a message saying how to get it: the browser specs never skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No chromium at ${CHROMIUM}: the browser specs need it. Install it (apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; containers have a small /dev/shm.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** The real app listening on a free port of 127.0.0.1, and a browser. */
export interface Site {
  app: INestApplication;
  base: string;
  fx: Fixtures;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSite(env: Record<string, string> = {}): Promise<Site> {
  // A SQLite file of this process: never locked by e2e specs run meanwhile, nothing from earlier runs.
  const dir = process.env.LIENKET_TEST_DIR ?? join(tmpdir(), 'lienket-test');
  const sqlite = join(dir, `browser-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  const app = await createTestApp({ SQLITE_PATH: sqlite, ...env });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    fx: new Fixtures(app),
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqlite}${suffix}`, { force: true });
    },
  };
}

/** A browser tab of its own (fresh cookies), recording every request's address and every page error. */
export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for (documents, assets, fetches). */
  requests: string[];
  /** Script errors, console errors (a CSP refusal shows here) and answers ≥ 400. */
  problems: string[];
  close(): Promise<void>;
}

export async function openTab(
  site: Site,
  { width = 1280, height = 800 }: { width?: number; height?: number } = {},
): Promise<Tab> {
  const context = await site.browser.newContext({ viewport: { width, height }, baseURL: site.base });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is told by its response below, with its address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    // The site has no icon; the browser asks anyway.
    if (response.status() >= 400 && url.pathname !== '/favicon.ico') {
      problems.push(`${response.status()} ${response.request().method()} ${url.pathname}${url.search}`);
    }
  });
  return { context, page, requests, problems, close: () => context.close() };
}

/** The hosts of requests that left 127.0.0.1 (data: and about: URLs stay in the page). */
export function foreignRequests(tab: Tab): string[] {
  return tab.requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !['data:', 'about:', 'blob:'].includes(protocol) && hostname !== '127.0.0.1';
  });
}

/** What every tab must end with: nothing fetched from elsewhere, no script or console errors. */
export function expectCleanTab(tab: Tab): void {
  expect(foreignRequests(tab)).toEqual([]);
  expect(tab.problems).toEqual([]);
}

/** Which element has the keyboard focus, as "tag#id" (or the link's text). */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(
    `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.tagName === 'A' ? ':' + e.textContent.trim() : '') : ''; })()`,
  ) as Promise<string>;

/**
 * Signs in with the keyboard only: Tab from the top of the login page to the username field, type,
 * Tab to the password, type, Enter. Ends on the role's first page.
 */
export async function keyboardLogin(
  tab: Tab,
  user: { username: string },
  role: Role,
  password = PASSWORD,
): Promise<void> {
  const { page } = tab;
  await page.goto('/login');
  const username = page.getByLabel('Tên đăng nhập');
  for (
    let presses = 0;
    presses < 10 && !(await username.evaluate((e) => e === e.ownerDocument.activeElement));
    presses++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(focused(page)).resolves.toBe('input#f-username');
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('input#f-password');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL((url) => url.pathname === HOME[role]), page.keyboard.press('Enter')]);
}

/** Signs in through the form by filling it (when the test is about something else than the keyboard). */
export async function login(
  tab: Tab,
  user: { username: string },
  password = PASSWORD,
  next = '/',
): Promise<void> {
  const { page } = tab;
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByLabel('Mật khẩu').press('Enter'),
  ]);
}

type StyleWindow = { getComputedStyle(e: unknown, pseudo?: string): Record<string, string> };

/** A computed style property of the element (of its ::before with pseudo '::before'). */
export const styleOf = (locator: Locator, property: string, pseudo?: string): Promise<string> =>
  locator.evaluate(
    (e, [name, after]) => (globalThis as unknown as StyleWindow).getComputedStyle(e, after)[name],
    [property, pseudo] as const,
  );

/** The page's width as laid out: more than the viewport means a horizontal scroll bar. */
export const scrollWidth = (page: Page): Promise<number> =>
  page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** Elements wider than the viewport (their tag, class and width), to say what overflows. */
export const overflowing = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 10)
      .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/\\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));
  })()`) as Promise<string[]>;

/** Asserts a page lays out within a 360 px wide screen, naming what sticks out when it does not. */
export async function expectNoHorizontalScroll(page: Page, width = 360): Promise<void> {
  const wide = await scrollWidth(page);
  if (wide > width)
    throw new Error(`${page.url()} is ${wide}px wide at ${width}px: ${(await overflowing(page)).join(', ')}`);
}

export interface AssetWeight {
  /** Bytes of the scripts and stylesheets as they came over the wire (compressed bodies and headers). */
  bytes: number;
  assets: Array<{ url: string; type: string; encoded: number; decoded: number; encoding?: string }>;
}

interface CdpResponse {
  requestId: string;
  type: string;
  response: { url: string; headers: Record<string, string> };
}

/**
 * Opens a page and sums what its scripts and stylesheets cost on the wire, as the browser's network
 * panel counts it ("transferred": Chrome's encodedDataLength, compressed body and headers).
 */
export async function assetWeight(tab: Tab, path: string): Promise<AssetWeight> {
  const cdp = await tab.context.newCDPSession(tab.page);
  await cdp.send('Network.enable');
  // A first visit: the assets come over the wire, not from the cache an earlier page filled.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const seen = new Map<string, { url: string; type: string; encoding?: string; decoded: number }>();
  const finished = new Map<string, number>();
  cdp.on('Network.responseReceived', (event: CdpResponse) => {
    if (event.type !== 'Script' && event.type !== 'Stylesheet') return;
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    seen.set(event.requestId, {
      url: event.response.url,
      type: event.type.toLowerCase(),
      encoding: headers['content-encoding'],
      decoded: 0,
    });
  });
  cdp.on('Network.dataReceived', (event: { requestId: string; dataLength: number }) => {
    const asset = seen.get(event.requestId);
    if (asset) asset.decoded += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    finished.set(event.requestId, event.encodedDataLength);
  });
  try {
    await tab.page.goto(path, { waitUntil: 'networkidle' });
    const assets = [...seen].map(([id, a]) => {
      const encoded = finished.get(id);
      if (encoded === undefined) throw new Error(`${a.url} did not finish loading`);
      return { ...a, encoded };
    });
    return { bytes: assets.reduce((sum, a) => sum + a.encoded, 0), assets };
  } finally {
    await cdp.detach();
  }
}
