import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { rm } from 'node:fs/promises';
import type { Observable } from 'rxjs';
import { Page } from './page.decorator';
import { CSRF_AFTER_UPLOAD } from './web-auth.guard';
import { CsrfRejected } from './web-errors';
import { WebSession } from './web-session.service';

/**
 * Checks the `_csrf` field of a multipart form once multer has parsed it (multer runs as an
 * interceptor, after the guards, so WebAuthGuard cannot see the field). It runs before the handler,
 * so nothing is written for a forged form; the temporary upload is deleted.
 */
@Injectable()
export class CsrfAfterUpload implements NestInterceptor {
  constructor(private readonly session: WebSession) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.session.csrf.verify(req)) {
      if (req.file) await rm(req.file.path, { force: true });
      throw new CsrfRejected();
    }
    return next.handle();
  }
}

/**
 * A page receiving a file (multipart/form-data, field `field`): session and roles are checked by
 * the guard before anything is read, the CSRF token from the form body after multer has read it.
 * The token travels in the body like every other form's, never in the URL, where access logs,
 * history and Referer headers would keep it.
 */
export const UploadPage = (field = 'file') =>
  applyDecorators(
    Page(),
    SetMetadata(CSRF_AFTER_UPLOAD, true),
    UseInterceptors(FileInterceptor(field), CsrfAfterUpload),
  );
