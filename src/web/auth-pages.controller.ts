import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { html } from './html';
import { isLanguage, translator } from './i18n/catalogue';
import { alert, csrfField, field } from './form-fields';
import { layout } from './layout';
import { HOME } from './nav';
import { Page, PublicPage } from './page.decorator';
import type { WebRequest } from './web-context';
import { CsrfRejected } from './web-errors';
import { LANG_COOKIE } from './web-cookies';
import { WebSession } from './web-session.service';

/** Only paths of this site: a `next` pointing elsewhere would make the login an open redirect. */
const localPath = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';

/** Logging in and out, the language switch, and /home (each role's first page). */
@Controller()
export class AuthPagesController {
  constructor(private readonly session: WebSession) {}

  @Get('home')
  @Page()
  home(@Req() req: WebRequest, @Res() res: Response): void {
    res.redirect(303, HOME[req.web!.actor.role]);
  }

  @Get('login')
  @PublicPage()
  loginPage(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('next') next?: string,
  ): string {
    return this.renderLogin(req, res, localPath(next));
  }

  @Post('login')
  @PublicPage()
  async login(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    if (!this.session.csrf.verify(req)) throw new CsrfRejected();
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = localPath(body.next);
    try {
      await this.session.login(req, res, username, password);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const t = translator(this.session.language(req));
      res.status(error.getStatus());
      return this.renderLogin(
        req,
        res,
        next,
        username,
        t(error.getStatus() === 429 ? 'login.throttled' : 'login.failed'),
      );
    }
    res.redirect(303, next);
  }

  @Post('logout')
  @Page()
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.session.logout(req, res);
    res.redirect(303, '/login');
  }

  @Get('lang/:code')
  @PublicPage()
  language(@Param('code') code: string, @Query('next') next: string | undefined, @Res() res: Response): void {
    if (isLanguage(code)) {
      res.cookie(LANG_COOKIE, code, { sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600 * 1000 });
    }
    res.redirect(303, localPath(next));
  }

  private renderLogin(req: Request, res: Response, next: string, username = '', error?: string): string {
    const lang = this.session.language(req);
    const t = translator(lang);
    const csrf = this.session.csrf.tokenFor(this.session.csrf.seed(req, res, this.session.secure));
    return layout(
      { lang, t, path: req.originalUrl },
      t('login.title'),
      html`<div class="card" style="max-width:420px">
        <p class="muted">${t('app.tagline')}</p>
        ${alert(error)}
        <form method="post" action="/login">
          ${csrfField(csrf)}
          <input type="hidden" name="next" value="${next}" />
          ${field({ name: 'username', label: t('login.username'), value: username, required: true, attrs: { autocomplete: 'username', autocapitalize: 'none' } })}
          ${field({ name: 'password', label: t('login.password'), type: 'password', required: true, attrs: { autocomplete: 'current-password' } })}
          <button type="submit">${t('login.submit')}</button>
        </form>
      </div>`,
    );
  }
}
