import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PASSWORD } from './fixtures';

type Agent = ReturnType<typeof request.agent>;
export type Form = Record<string, string | string[] | number | boolean | undefined>;

/** The `_csrf` hidden field's value on a page (or the csrf-token meta), undefined when it has none. */
export function csrfOf(html: string): string | undefined {
  return (
    /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ??
    /name="csrf-token"\s+content="([^"]+)"/.exec(html)?.[1]
  );
}

/** A form as a browser posts it: urlencoded, repeated names for arrays (a=1&a=2), empty values kept. */
export function urlencoded(form: Form): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  return params.toString();
}

/**
 * A browser-like session on the pages: a supertest agent keeping the cookies (lk_at, lk_rt,
 * lk_csrf, lk_lang), and the CSRF token of the last page that carried one.
 */
export class WebAgent {
  constructor(
    readonly agent: Agent,
    public csrf: string,
  ) {}

  /** GET a page; the CSRF token is re-read from it when it carries one. */
  async get(path: string, headers: Record<string, string> = {}): Promise<request.Response> {
    const res = await this.agent.get(path).set(headers);
    this.remember(res);
    return res;
  }

  /** POST a form with this session's CSRF token added (unless the form sets `_csrf` itself). */
  async post(path: string, form: Form = {}): Promise<request.Response> {
    const res = await this.agent
      .post(path)
      .type('form')
      .send(urlencoded({ _csrf: this.csrf, ...form }));
    this.remember(res);
    return res;
  }

  /** The value of a cookie in the jar (undefined when absent or expired). */
  cookie(name: string): string | undefined {
    return this.agent.jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .find((c) => c.name === name)?.value;
  }

  /** Forgets a cookie, as a browser does when it expires. */
  dropCookie(name: string): void {
    this.agent.jar.setCookie(`${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/`, '127.0.0.1', '/');
  }

  private remember(res: request.Response): void {
    if (res.type === 'text/html') this.csrf = csrfOf(res.text) ?? this.csrf;
  }
}

/** A fresh browser-like session on the login page (not signed in), with its CSRF token. */
export async function webVisitor(app: INestApplication): Promise<WebAgent> {
  const agent = request.agent(app.getHttpServer());
  const page = await agent.get('/login').expect(200);
  const csrf = csrfOf(page.text);
  if (!csrf) throw new Error('The login page has no _csrf field');
  return new WebAgent(agent, csrf);
}

/** Signs in through the login form (GET /login, POST /login) → a WebAgent holding the session cookies. */
export async function webLogin(
  app: INestApplication,
  user: { username: string },
  password = PASSWORD,
  next = '/',
): Promise<WebAgent> {
  const web = await webVisitor(app);
  const res = await web.post('/login', { username: user.username, password, next });
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  if (
    res.status !== 303 ||
    !cookies.some((c) => c.startsWith('lk_at=')) ||
    !cookies.some((c) => c.startsWith('lk_rt='))
  ) {
    throw new Error(
      `Login of ${user.username} through the form failed: ${res.status} ${res.text.slice(0, 300)}`,
    );
  }
  return web;
}
