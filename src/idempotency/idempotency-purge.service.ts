import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { IdempotencyService } from './idempotency.service';

const EVERY_MS = 3600_000;

/** Deletes expired Idempotency-Key answers hourly, in the processes doing background work. */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPurge.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER', { infer: true }) !== 'off') this.start();
  }

  start(): void {
    this.timer ??= setInterval(() => {
      this.idempotency
        .purgeExpired()
        .catch((error: Error) => this.logger.error(`purging expired keys failed: ${error.message}`));
    }, EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
