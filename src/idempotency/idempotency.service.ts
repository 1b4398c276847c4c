import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { insertIfAbsent } from '../database/insert-if-absent';
import type { Env } from '../config/env';
import { IdempotencyKey } from './idempotency-key.entity';

export type Claim =
  | { kind: 'first' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

/**
 * Stripe's semantics for Idempotency-Key, per user: the first request with a key runs and its answer
 * is stored; the same key with the same request replays that answer; with another request it is
 * refused (422); while the first still runs, 409. The primary key (user, key) decides who is first,
 * however many processes receive the request at once.
 */
@Injectable()
export class IdempotencyService {
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Env, true>,
  ) {
    this.ttlMs = config.get('IDEMPOTENCY_TTL_HOURS', { infer: true }) * 3600_000;
  }

  async claim(userId: string, key: string, hash: string): Promise<Claim> {
    const repo = this.dataSource.getRepository(IdempotencyKey);
    for (let attempt = 0; attempt < 2; attempt++) {
      const row = {
        userId,
        idempotencyKey: key,
        requestHash: hash,
        expiresAt: new Date(Date.now() + this.ttlMs),
      };
      if (await insertIfAbsent(this.dataSource, repo, row)) return { kind: 'first' };
      const existing = await repo.findOneBy({ userId, idempotencyKey: key });
      if (!existing) continue; // released meanwhile: try again
      if (existing.expiresAt.getTime() <= Date.now()) {
        await repo.delete({ userId, idempotencyKey: key, expiresAt: existing.expiresAt });
        continue;
      }
      if (existing.requestHash !== hash) return { kind: 'mismatch' };
      if (existing.responseStatus === null) return { kind: 'in-flight' };
      return {
        kind: 'replay',
        status: existing.responseStatus,
        body: JSON.parse(existing.responseBody ?? 'null'),
      };
    }
    return { kind: 'in-flight' };
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyKey)
      .update(
        { userId, idempotencyKey: key },
        { responseStatus: status, responseBody: JSON.stringify(body ?? null) },
      );
  }

  /** A request that failed on our side (5xx) leaves no trace: a retry with the key runs again. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKey).delete({ userId, idempotencyKey: key });
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const { affected } = await this.dataSource
      .getRepository(IdempotencyKey)
      .delete({ expiresAt: LessThan(now) });
    return affected ?? 0;
  }
}
