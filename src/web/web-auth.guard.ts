import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DataSource, IsNull } from 'typeorm';
import type { Role } from '../auth/role';
import { ROLES_KEY } from '../auth/roles.decorator';
import { Notification } from '../notifications/notification.entity';
import { translator } from './i18n/catalogue';
import type { WebRequest } from './web-context';
import { CsrfRejected, LoginRequired } from './web-errors';
import { WebSession } from './web-session.service';

/** Set by UploadPage: the form is multipart, so its CSRF field is checked after multer read it. */
export const CSRF_AFTER_UPLOAD = 'lienket:web-csrf-after-upload';

/**
 * Every page: a session (else the login page), the route's @Roles, a valid CSRF token on anything
 * but GET, and the page's context (language, unread count) for the frame.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(
    private readonly session: WebSession,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const actor = await this.session.actor(req, res);
    if (!actor) throw new LoginRequired();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException();
    const csrfAfterUpload = this.reflector.get<boolean | undefined>(CSRF_AFTER_UPLOAD, context.getHandler());
    if (req.method !== 'GET' && req.method !== 'HEAD' && !csrfAfterUpload && !this.session.csrf.verify(req)) {
      throw new CsrfRejected();
    }
    const lang = this.session.language(req);
    req.web = {
      actor,
      lang,
      t: translator(lang),
      csrf: this.session.csrf.tokenFor(this.session.csrf.seed(req, res, this.session.secure)),
      unreadCount: await this.dataSource
        .getRepository(Notification)
        .countBy({ userId: actor.id, readAt: IsNull() }),
      path: req.method === 'GET' ? req.originalUrl : (formPagePath(req) ?? '/'),
    };
    return true;
  }
}

/**
 * A re-drawn form (a refused POST) is shown at the form's action address, which has no GET page:
 * the frame's links (the language switch) go back to the page the form was on.
 */
function formPagePath(req: WebRequest): string | null {
  try {
    const referer = new URL(req.headers.referer ?? '');
    return referer.host === req.headers.host ? referer.pathname + referer.search : null;
  } catch {
    return null;
  }
}
