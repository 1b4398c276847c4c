import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { html } from './html';
import { translator } from './i18n/catalogue';
import { layout } from './layout';
import type { WebRequest } from './web-context';
import { CsrfRejected, LoginRequired } from './web-errors';
import { cookiesOf, LANG_COOKIE } from './web-cookies';

/** Errors on pages answer as pages: the login page for no session, a short page for the rest. */
@Catch()
export class WebErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof LoginRequired) {
      const next = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const lang = req.web?.lang ?? (cookiesOf(req)[LANG_COOKIE] === 'en' ? 'en' : 'vi');
    const t = req.web?.t ?? translator(lang);
    const message =
      error instanceof CsrfRejected
        ? t('error.csrf')
        : status === 404
          ? t('error.notFound')
          : status === 403
            ? t('error.forbidden')
            : status >= 500
              ? t('error.server')
              : error instanceof HttpException
                ? String((error.getResponse() as { message?: unknown }).message ?? error.message)
                : t('error.server');
    const frame = req.web ?? { lang, t, path: req.originalUrl };
    res
      .status(status)
      .type('html')
      .send(
        layout(
          frame,
          t('error.title'),
          html`<p class="alert error" role="alert">${message}</p>
            <p><a href="/">${t('error.back')}</a></p>`,
        ),
      );
  }
}
