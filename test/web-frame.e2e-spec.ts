import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Notification } from '../src/notifications/notification.entity';
import { HOME } from '../src/web/nav';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD, signedIn, TestUser, unique } from './support/fixtures';
import { householdBody } from './support/households';
import { deliverCodeActivated } from './support/notices';
import { csrfOf, urlencoded, WebAgent, webLogin, webVisitor } from './support/web';

/**
 * The pages' frame: login and logout through forms, the cookie session and its renewal, CSRF, the
 * language switch, redirects, the inbox over the real outbox, escaping, and the API beside it.
 */
let app: INestApplication;
let fx: Fixtures;
/** A commune no other spec uses: only this spec's officials hear of the codes made here. */
const COMMUNE = '06637';
let official: TestUser;

beforeAll(async () => {
  app = await createTestApp();
  // Listening, so concurrent supertest requests share one address (and the cookie jar its host).
  await app.listen(0, '127.0.0.1');
  fx = new Fixtures(app);
  official = await fx.user('official', { communeCode: COMMUNE });
});
afterAll(() => app.close());

const setCookies = (res: request.Response): string[] =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookieLine = (res: request.Response, name: string): string | undefined =>
  setCookies(res).find((c) => c.startsWith(`${name}=`));

describe('login page and language', () => {
  it('is Vietnamese by default, English after /lang/en, Vietnamese again after /lang/vi', async () => {
    const web = await webVisitor(app);
    const vi = await web.get('/login');
    expect(vi.status).toBe(200);
    expect(vi.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Đăng nhập');
    expect(vi.text).toContain('<label for="f-username">Tên đăng nhập');
    expect(vi.text).toContain('href="/lang/en?next=%2Flogin"');

    const switched = await web.get('/lang/en?next=%2Flogin');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/login');
    expect(cookieLine(switched, 'lk_lang')).toMatch(/^lk_lang=en;.*SameSite=Lax/i);
    const en = await web.get('/login');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Log in');
    expect(en.text).toContain('Username');
    expect(en.text).not.toContain('Tên đăng nhập');

    await web.get('/lang/vi?next=%2Flogin');
    const back = await web.get('/login');
    expect(back.text).toContain('<html lang="vi">');
    expect(back.text).toContain('Tên đăng nhập');
  });

  it('an unknown language changes nothing', async () => {
    const web = await webVisitor(app);
    const res = await web.get('/lang/fr');
    expect(res.status).toBe(303);
    expect(cookieLine(res, 'lk_lang')).toBeUndefined();
    expect((await web.get('/login')).text).toContain('<html lang="vi">');
  });
});

describe('signing in', () => {
  it('a wrong password answers 401 with the login page and the Vietnamese message, no cookies', async () => {
    const user = await fx.user('cooperative');
    const web = await webVisitor(app);
    const res = await web.post('/login', { username: user.username, password: 'sai-mat-khau', next: '/' });
    expect(res.status).toBe(401);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(res.text).toContain('role="alert"');
    // The username stays filled in; the password does not come back.
    expect(res.text).toContain(`value="${user.username}"`);
    expect(res.text).not.toContain('sai-mat-khau');
    expect(cookieLine(res, 'lk_at')).toBeUndefined();
    expect(cookieLine(res, 'lk_rt')).toBeUndefined();
  });

  it('the message is English with the English switch', async () => {
    const web = await webVisitor(app);
    await web.get('/lang/en');
    const res = await web.post('/login', { username: `nobody.${unique()}`, password: 'x', next: '/' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Wrong username or password.');
  });

  it('a login form without its _csrf, or with a wrong one, answers 403', async () => {
    const user = await fx.user('cooperative');
    const web = await webVisitor(app);
    const form = { username: user.username, password: PASSWORD, next: '/' };
    const without = await web.agent.post('/login').type('form').send(urlencoded(form));
    expect(without.status).toBe(403);
    expect(without.text).toContain('Biểu mẫu đã hết hạn');
    expect(cookieLine(without, 'lk_at')).toBeUndefined();
    const wrong = await web.post('/login', { ...form, _csrf: `${web.csrf.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    // A token is only good with its own cookie: another visitor's token is refused too.
    const other = await webVisitor(app);
    expect((await web.post('/login', { ...form, _csrf: other.csrf })).status).toBe(403);
    // And with no CSRF cookie at all (a form posted from elsewhere with a token copied from a page).
    const bare = await request(app.getHttpServer())
      .post('/login')
      .type('form')
      .send(urlencoded({ ...form, _csrf: web.csrf }));
    expect(bare.status).toBe(403);
  });

  it('signs in with 303 to `next`, setting the session cookies', async () => {
    const user = await fx.user('cooperative');
    const web = await webVisitor(app);
    const res = await web.post('/login', {
      username: user.username,
      password: PASSWORD,
      next: '/inbox?page=1',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/inbox?page=1');
    expect((await web.get('/inbox?page=1')).status).toBe(200);
  });

  it.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil',
    '/\\/evil.example',
    'javascript:alert(1)',
    '',
  ])('next=%j goes to / instead (no open redirect)', async (next) => {
    const user = await fx.user('enterprise');
    const web = await webVisitor(app);
    const res = await web.post('/login', { username: user.username, password: PASSWORD, next });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    // The language switch and the login page's hidden field refuse it too.
    expect((await web.get(`/lang/en?next=${encodeURIComponent(next)}`)).headers.location).toBe('/');
    const page = await webVisitor(app).then((v) => v.get(`/login?next=${encodeURIComponent(next)}`));
    expect(page.text).toContain('name="next" value="/"');
  });

  it('session cookies are HttpOnly and SameSite=Lax, not Secure outside production', async () => {
    const user = await fx.user('cooperative');
    const web = await webVisitor(app);
    const res = await web.post('/login', { username: user.username, password: PASSWORD, next: '/' });
    for (const name of ['lk_at', 'lk_rt']) {
      const line = cookieLine(res, name)!;
      expect(line).toBeDefined();
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*SameSite=Lax/i);
      expect(line).toMatch(/;\s*Path=\//i);
      expect(line).not.toMatch(/;\s*Secure/i);
    }
    // The CSRF seed, set on the login page: HTTP-only and strict.
    const visitor = await request(app.getHttpServer()).get('/login');
    expect(cookieLine(visitor, 'lk_csrf')).toMatch(
      /;\s*HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
    );
  });
});

describe('redirects and the session', () => {
  it('/ → /home → the role’s first page', async () => {
    for (const role of ['official', 'cooperative', 'enterprise', 'inspector', 'admin'] as const) {
      const web = await webLogin(app, await fx.user(role));
      const root = await web.get('/');
      expect(root.status).toBe(303);
      expect(root.headers.location).toBe('/home');
      const home = await web.get('/home');
      expect(home.status).toBe(303);
      expect(home.headers.location).toBe(HOME[role]);
      const page = await web.get(HOME[role]);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="vi">');
    }
  });

  it.each(['/', '/home', '/inbox', '/inbox?unread=1'])(
    '%s without a session → 303 /login?next=…',
    async (path) => {
      const res = await request(app.getHttpServer())
        .get(path)
        .redirects(path === '/' ? 1 : 0);
      expect(res.status).toBe(303);
      const expected = path === '/' ? '/home' : path;
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(expected)}`);
    },
  );

  it('a POST without a session goes to the login page, not back to the POST', async () => {
    const res = await request(app.getHttpServer()).post('/inbox/read-all').type('form').send('');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2F');
  });

  it('an expired access cookie is renewed from the refresh cookie', async () => {
    const web = await webLogin(app, await fx.user('cooperative'));
    const firstRefresh = web.cookie('lk_rt');
    web.dropCookie('lk_at');
    expect(web.cookie('lk_at')).toBeUndefined();
    const res = await web.get('/inbox');
    expect(res.status).toBe(200);
    expect(cookieLine(res, 'lk_at')).toMatch(/^lk_at=[^;]+;/);
    expect(cookieLine(res, 'lk_rt')).toMatch(/^lk_rt=[^;]+;/);
    expect(web.cookie('lk_at')).toBeTruthy();
    expect(web.cookie('lk_rt')).not.toBe(firstRefresh);
    // The new pair works on its own.
    expect((await web.get('/inbox')).status).toBe(200);
  });

  it('two pages opened together with only the refresh cookie both open: the renewal is shared', async () => {
    const web = await webLogin(app, await fx.user('official'));
    web.dropCookie('lk_at');
    const [a, b] = await Promise.all([web.get('/inbox'), web.get('/inbox?unread=1')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(cookieLine(a, 'lk_rt')).toBe(cookieLine(b, 'lk_rt'));
    // The refresh token both got is still good (a second use of the old one would have ended the session).
    web.dropCookie('lk_at');
    const later = await web.get('/inbox');
    expect(later.status).toBe(200);
    expect(cookieLine(later, 'lk_at')).toBeDefined();
  });

  it('a garbage access cookie and no refresh cookie → the login page', async () => {
    const web = await webLogin(app, await fx.user('cooperative'));
    web.agent.jar.setCookie('lk_at=not-a-token; Path=/', '127.0.0.1', '/');
    web.dropCookie('lk_rt');
    const res = await web.get('/inbox');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Finbox');
  });

  it('logout needs CSRF, then clears the cookies and the pages ask for a login', async () => {
    const web = await webLogin(app, await fx.user('enterprise'));
    const refused = await web.post('/logout', { _csrf: '' });
    expect(refused.status).toBe(403);
    expect(cookieLine(refused, 'lk_at')).toBeUndefined();
    expect((await web.get('/inbox')).status).toBe(200);

    const refreshCookie = web.cookie('lk_rt')!;
    const res = await web.post('/logout');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    // The session is revoked on the server too: a copied refresh cookie renews nothing.
    await request(app.getHttpServer())
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: decodeURIComponent(refreshCookie) })
      .expect(401);
    expect(cookieLine(res, 'lk_at')).toMatch(/^lk_at=;.*Expires=Thu, 01 Jan 1970/);
    expect(cookieLine(res, 'lk_rt')).toMatch(/^lk_rt=;.*Expires=Thu, 01 Jan 1970/);
    expect(web.cookie('lk_at')).toBeUndefined();
    expect(web.cookie('lk_rt')).toBeUndefined();
    const after = await web.get('/inbox');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Finbox');
  });

  it('a signed-in page’s POST with a wrong token answers the 403 page', async () => {
    const web = await webLogin(app, await fx.user('official'));
    const res = await web.post('/inbox/read-all', { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Biểu mẫu đã hết hạn');
    // The X-CSRF-Token header is the other way to send it (scripts).
    const viaHeader = await web.agent
      .post('/inbox/read-all')
      .set('X-CSRF-Token', web.csrf)
      .type('form')
      .send('');
    expect(viaHeader.status).toBe(303);
  });
});

describe('inbox over the real outbox', () => {
  /** `code.activated` in COMMUNE: it reaches this spec's officials. */
  const activatedCode = async (reason: string): Promise<string> =>
    (await deliverCodeActivated(app, official, { communeCode: COMMUNE, reason })).code;
  const unreadBadge = (html: string) => /<span class="badge" data-unread>(\d+)<\/span>/.exec(html)?.[1];
  const markReadIds = (html: string) =>
    [...html.matchAll(/action="\/inbox\/([0-9a-f-]{36})\/read"/g)].map((m) => m[1]);

  let inboxOfficial: TestUser;
  let web: WebAgent;
  beforeAll(async () => {
    inboxOfficial = await fx.user('official', { communeCode: COMMUNE });
    web = await webLogin(app, inboxOfficial);
  });

  it('shows a delivered notification, escaped, with the unread count in the menu', async () => {
    expect(unreadBadge((await web.get('/inbox')).text)).toBeUndefined();
    const code = await activatedCode('<script>alert("x")</script> Nguyễn & Cộng sự');
    const res = await web.get('/inbox');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Mã số vùng trồng ${code} có hiệu lực`);
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &amp; Cộng sự');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).toContain('1 chưa đọc');
    expect(unreadBadge(res.text)).toBe('1');
    // The badge is on every page's menu summary too.
    expect(res.text).toMatch(/<summary>\s*Menu <span class="badge">1<\/span>/);
    // English labels around the same (Vietnamese) notification.
    await web.get('/lang/en');
    const en = await web.get('/inbox');
    expect(en.text).toContain('1 unread');
    expect(en.text).toContain('Mark as read');
    await web.get('/lang/vi');
  });

  it('marks one read, then all read', async () => {
    const before = await web.get('/inbox');
    const [first] = markReadIds(before.text);
    expect(first).toBeDefined();
    const read = await web.post(`/inbox/${first}/read`);
    expect(read.status).toBe(303);
    expect(read.headers.location).toBe('/inbox');
    const row = await app.get(DataSource).getRepository(Notification).findOneByOrFail({ id: first });
    expect(row.readAt).not.toBeNull();
    const after = await web.get('/inbox');
    expect(markReadIds(after.text)).not.toContain(first);
    expect(after.text).toContain('Đã đọc');

    await activatedCode('đợt hai');
    await activatedCode('đợt ba');
    const two = await web.get('/inbox?unread=1');
    expect(unreadBadge(two.text)).toBe('2');
    expect(markReadIds(two.text)).toHaveLength(2);
    const all = await web.post('/inbox/read-all');
    expect(all.status).toBe(303);
    const none = await web.get('/inbox?unread=1');
    expect(unreadBadge(none.text)).toBeUndefined();
    expect(none.text).toContain('0 chưa đọc');
    expect(none.text).toContain('Chưa có thông báo nào.');
    expect(none.text).not.toContain('Đánh dấu tất cả đã đọc');
  });

  it('marking someone else’s notification answers the 404 page', async () => {
    await activatedCode('của người khác');
    const [theirs] = markReadIds((await web.get('/inbox')).text);
    expect(theirs).toBeDefined();
    const stranger = await webLogin(app, await fx.user('cooperative'));
    const res = await stranger.post(`/inbox/${theirs}/read`);
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Không tìm thấy trang hoặc bản ghi này.');
    expect(res.text).toContain('<html lang="vi">');
    const row = await app.get(DataSource).getRepository(Notification).findOneByOrFail({ id: theirs });
    expect(row.readAt).toBeNull();
    // A malformed id is refused as a page too, not as API JSON.
    const bad = await stranger.post('/inbox/not-a-uuid/read');
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('text/html');
  });
});

describe('escaping', () => {
  it('a household name with markup renders as text on the list and the detail page', async () => {
    const staff = await fx.user('cooperative');
    const headName = `<script>alert("x")</script> Nguyễn & <b>Thị</b> ${unique()}`;
    const created = await signedIn(app, staff)
      .post('/api/v1/households', householdBody({ headName }))
      .expect(201);
    const web = await webLogin(app, staff);
    const escaped = headName
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
    for (const path of ['/households', `/households/${created.body.id}`]) {
      const page = await web.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain(escaped);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toContain('<b>Thị</b>');
    }
    // The search-as-you-type fragment too.
    const fragment = await web.get('/households', { 'X-Partial': '1' });
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain(escaped);
  });

  it('pages allow only this site’s scripts (CSP), so markup that slipped through could not run', async () => {
    const page = await request(app.getHttpServer()).get('/login');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('the API beside the pages', () => {
  it('/api/v1 still answers JSON, and 401 JSON without a bearer token', async () => {
    const ping = await request(app.getHttpServer()).get('/api/v1').expect(200);
    expect(ping.type).toBe('application/json');
    expect(ping.body).toEqual({ name: 'lienket', api: 'v1' });
    const denied = await request(app.getHttpServer()).get('/api/v1/auth/me').expect(401);
    expect(denied.type).toBe('application/json');
    expect(denied.body).toMatchObject({ statusCode: 401 });
    // Session cookies are not a way into the API: only the bearer token is.
    const web = await webLogin(app, await fx.user('official'));
    const withCookies = await web.agent.get('/api/v1/auth/me');
    expect(withCookies.status).toBe(401);
    expect(withCookies.type).toBe('application/json');
    await signedIn(app, official).get('/api/v1/auth/me').expect(200);
    // API paths that share a first segment with pages stay the API's.
    for (const path of ['/api/v1/households', '/api/v1/notifications']) {
      const res = await signedIn(app, official).get(path).expect(200);
      expect(res.type).toBe('application/json');
      expect(Array.isArray(res.body.items)).toBe(true);
    }
  });

  it('an unknown path outside the pages stays the API’s JSON 404', async () => {
    const res = await request(app.getHttpServer()).get(`/nowhere-${unique()}`);
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/json');
  });

  it('assets are compressed and cacheable; pages are compressed and not cached', async () => {
    const css = await request(app.getHttpServer()).get('/assets/app.css').set('Accept-Encoding', 'gzip');
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toMatch(/max-age=86400/);
    expect(css.text).toContain('.card');
    const js = await request(app.getHttpServer()).get('/assets/app.js').set('Accept-Encoding', 'gzip');
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    const page = await request(app.getHttpServer()).get('/login').set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await request(app.getHttpServer()).get('/assets/nothing.css')).status).toBe(404);
  });

  it('the page’s CSRF token is in the page (meta and forms), never in a readable cookie', async () => {
    const web = await webLogin(app, await fx.user('official'));
    const page = await web.get('/inbox');
    expect(csrfOf(page.text)).toBe(web.csrf);
    expect(page.text).toContain(`<meta name="csrf-token" content="${web.csrf}"`);
    expect(web.cookie('lk_csrf')).not.toBe(web.csrf);
  });
});

describe('in production', () => {
  it('the session cookies are Secure as well', async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, JWT_SECRET: process.env.JWT_SECRET };
    let production: INestApplication | undefined;
    try {
      // A second AppModule of its own: the configuration is read when the module loads.
      await jest.isolateModulesAsync(async () => {
        const support = await import('./support/app');
        production = await support.createTestApp({
          NODE_ENV: 'production',
          JWT_SECRET: `web-frame-production-secret-${unique()}`,
        });
      });
      // Made through the first app: both use the same database.
      const user = await fx.user('cooperative');
      const server = production!.getHttpServer();
      const login = await request(server).get('/login');
      const seed = cookieLine(login, 'lk_csrf')!;
      expect(seed).toMatch(/;\s*Secure/i);
      const res = await request(server)
        .post('/login')
        .set('Cookie', seed.split(';')[0])
        .type('form')
        .send(
          urlencoded({ _csrf: csrfOf(login.text)!, username: user.username, password: PASSWORD, next: '/' }),
        );
      expect(res.status).toBe(303);
      for (const name of ['lk_at', 'lk_rt']) {
        expect(cookieLine(res, name)).toMatch(/;\s*HttpOnly/i);
        expect(cookieLine(res, name)).toMatch(/;\s*SameSite=Lax/i);
        expect(cookieLine(res, name)).toMatch(/;\s*Secure/i);
      }
    } finally {
      await production?.close();
      Object.assign(process.env, saved);
      if (saved.JWT_SECRET === undefined) delete process.env.JWT_SECRET;
    }
  });
});
