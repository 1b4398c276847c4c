import {
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { AllExceptionsFilter, ValidationFailedException } from '@lienket/http-common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, switchMap } from 'rxjs';
import type { Actor } from '../auth/actor';
import { IdempotencyService, requestHash } from './idempotency.service';

const HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
const errorBodies = new AllExceptionsFilter();

/**
 * Idempotency-Key on every signed-in POST: the first request runs, retries replay its answer
 * (with `Idempotent-Replayed: true`). 2xx and 4xx answers are kept; a 5xx is not, so a retry runs
 * again. Requests without the header are untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.headers[HEADER];
    if (req.method !== 'POST' || key === undefined || !req.actor) return next.handle();
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new ValidationFailedException([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–255 visible ASCII characters' },
      ]);
    }
    const userId = req.actor.id;
    const res = context.switchToHttp().getResponse<Response>();
    const hash = requestHash(req.method, req.originalUrl, req.body);
    const status =
      Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (HttpStatus.CREATED as number);
    return from(this.idempotency.claim(userId, key, hash)).pipe(
      switchMap((claim) => {
        switch (claim.kind) {
          case 'mismatch':
            throw new HttpException(
              'This Idempotency-Key was used with a different request',
              HttpStatus.UNPROCESSABLE_ENTITY,
            );
          case 'in-flight':
            throw new HttpException(
              'A request with this Idempotency-Key is still being processed',
              HttpStatus.CONFLICT,
            );
          case 'replay':
            res.setHeader('Idempotent-Replayed', 'true');
            if (claim.status >= 400) throw new HttpException(claim.body as object, claim.status);
            res.status(claim.status);
            return from([claim.body]);
          case 'first':
            return next.handle().pipe(
              // Stored before the answer leaves: a retry right after it must find it.
              concatMap((body) =>
                from(this.idempotency.complete(userId, key, status, body).then(() => body)),
              ),
              catchError((error: unknown) => this.settleError(userId, key, error)),
            );
        }
      }),
    );
  }

  private async settleError(userId: string, key: string, error: unknown): Promise<never> {
    const body = errorBodies.toBody(error);
    if (body.statusCode >= 500) await this.idempotency.release(userId, key);
    else await this.idempotency.complete(userId, key, body.statusCode, body);
    throw error;
  }
}
