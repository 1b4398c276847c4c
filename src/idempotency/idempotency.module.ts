import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyPurge } from './idempotency-purge.service';
import { IdempotencyService } from './idempotency.service';

/** Idempotency-Key on every signed-in POST (Stripe semantics), stored per user for IDEMPOTENCY_TTL_HOURS. */
@Module({
  providers: [
    IdempotencyService,
    IdempotencyPurge,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
