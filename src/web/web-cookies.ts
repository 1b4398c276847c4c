import { parse as parseCookie } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ACCESS_COOKIE = 'lk_at';
export const REFRESH_COOKIE = 'lk_rt';
export const CSRF_COOKIE = 'lk_csrf';
export const LANG_COOKIE = 'lk_lang';

export const cookiesOf = (req: Request): Record<string, string | undefined> =>
  parseCookie(req.headers.cookie ?? '');

/**
 * Session cookies are HTTP-only (no script reads the tokens) and SameSite=Lax (a link from elsewhere
 * opens a page signed in; a form posted from elsewhere arrives without them), Secure in production.
 */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds * 1000 };
}

export function clearSessionCookies(res: Response): void {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE]) res.clearCookie(name, { path: '/' });
}

/**
 * CSRF tokens, signed double-submit: the browser holds a random value in an HTTP-only cookie and
 * every form carries its HMAC under the server's secret. A site that makes the browser post here
 * can neither read the cookie nor compute the HMAC of one it planted.
 */
export class CsrfTokens {
  constructor(private readonly secret: Buffer) {}

  /** The cookie value, made (and set) on first sight. */
  seed(req: Request, res: Response, secure: boolean): string {
    const existing = cookiesOf(req)[CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
    const seed = randomBytes(24).toString('base64url');
    res.cookie(CSRF_COOKIE, seed, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
    // Later code in this request (the page's forms) must see the new seed.
    req.headers.cookie = `${req.headers.cookie ? `${req.headers.cookie}; ` : ''}${CSRF_COOKIE}=${seed}`;
    return seed;
  }

  tokenFor(seed: string): string {
    return createHmac('sha256', this.secret).update(`csrf|${seed}`).digest('base64url');
  }

  /** True when the request's form field (or X-CSRF-Token header) matches its cookie. */
  verify(req: Request): boolean {
    const seed = cookiesOf(req)[CSRF_COOKIE];
    const body = req.body as Record<string, unknown> | undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.headers['x-csrf-token'];
    if (!seed || typeof sent !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(seed));
    const given = Buffer.from(sent);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
