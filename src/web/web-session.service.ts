import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import type { Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import type { TokenPairResponse } from '../auth/dto/token-pair.response';
import type { Env } from '../config/env';
import { isLanguage, Language } from './i18n/catalogue';
import {
  ACCESS_COOKIE,
  clearSessionCookies,
  cookiesOf,
  CsrfTokens,
  LANG_COOKIE,
  REFRESH_COOKIE,
  sessionCookieOptions,
} from './web-cookies';

const REFRESH_SHARED_MS = 30_000;

/**
 * The pages' session: the API's own token pair, kept in HTTP-only cookies. An expired access token
 * is renewed from the refresh cookie. Requests that arrive together with the same expired token
 * share one renewal: refresh tokens are single-use, and a second use would end the session.
 */
@Injectable()
export class WebSession {
  readonly csrf: CsrfTokens;
  readonly secure: boolean;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly renewals = new Map<string, Promise<TokenPairResponse>>();

  constructor(
    private readonly tokens: AccessTokens,
    private readonly auth: AuthService,
    config: ConfigService<Env, true>,
  ) {
    this.secure = config.get('NODE_ENV', { infer: true }) === 'production';
    this.accessTtl = config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    this.refreshTtl = config.get('JWT_REFRESH_TTL_SECONDS', { infer: true });
    this.csrf = new CsrfTokens(Buffer.from(`web-csrf|${config.get('JWT_SECRET', { infer: true })}`));
  }

  async login(req: Request, res: Response, username: string, password: string): Promise<void> {
    this.keep(res, await this.auth.login(username, password, req.ip ?? 'unknown'));
  }

  /** Revokes the session's refresh tokens (a copied cookie stops working) and clears the cookies. */
  async logout(req: Request, res: Response): Promise<void> {
    const refresh = cookiesOf(req)[REFRESH_COOKIE];
    if (refresh) await this.auth.logout(refresh).catch(() => undefined);
    clearSessionCookies(res);
  }

  /** The signed-in person, renewing the access token when needed; null when there is no session. */
  async actor(req: Request, res: Response): Promise<Actor | null> {
    const cookies = cookiesOf(req);
    const actor = await this.tokens.actorOf(cookies[ACCESS_COOKIE]);
    if (actor) return actor;
    const refresh = cookies[REFRESH_COOKIE];
    if (!refresh) return null;
    try {
      const pair = await this.renew(refresh);
      this.keep(res, pair);
      return this.tokens.actorOf(pair.accessToken);
    } catch {
      clearSessionCookies(res);
      return null;
    }
  }

  language(req: Request): Language {
    const chosen = cookiesOf(req)[LANG_COOKIE];
    return isLanguage(chosen) ? chosen : 'vi';
  }

  private keep(res: Response, pair: TokenPairResponse): void {
    res.cookie(ACCESS_COOKIE, pair.accessToken, sessionCookieOptions(this.secure, this.accessTtl));
    res.cookie(REFRESH_COOKIE, pair.refreshToken, sessionCookieOptions(this.secure, this.refreshTtl));
  }

  private renew(refreshToken: string): Promise<TokenPairResponse> {
    let renewal = this.renewals.get(refreshToken);
    if (!renewal) {
      renewal = this.auth.refresh(refreshToken);
      this.renewals.set(refreshToken, renewal);
      setTimeout(() => this.renewals.delete(refreshToken), REFRESH_SHARED_MS).unref();
    }
    return renewal;
  }
}
