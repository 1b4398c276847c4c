import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Env } from '../config/env';
import { InjectRedis } from '../redis/redis.module';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counts failed logins per username and per client address in a fixed window. Redis holds the
 * counters when configured, so the limit holds across API processes; otherwise this process does.
 * While Redis does not answer, this process counts alone: logins keep working and stay throttled.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly logger = new Logger(LoginAttemptsService.name);
  private readonly local = new Map<string, Window>();
  private lastWarning = 0;
  private readonly windowSeconds: number;

  constructor(
    config: ConfigService<Env, true>,
    @InjectRedis() private readonly redis: Redis | null,
  ) {
    this.windowSeconds = config.get('LOGIN_WINDOW_SECONDS', { infer: true });
  }

  async failures(key: string): Promise<number> {
    const shared = await this.shared((redis) => redis.get(this.redisKey(key)));
    if (shared !== undefined) return Number(shared ?? 0);
    const window = this.local.get(key);
    return window && window.resetAt > Date.now() ? window.count : 0;
  }

  async recordFailure(key: string): Promise<void> {
    const k = this.redisKey(key);
    const done = await this.shared((redis) =>
      redis.multi().incr(k).expire(k, this.windowSeconds, 'NX').exec(),
    );
    if (done !== undefined) return;
    const now = Date.now();
    const window = this.local.get(key);
    if (window && window.resetAt > now) window.count += 1;
    else this.local.set(key, { count: 1, resetAt: now + this.windowSeconds * 1000 });
    if (this.local.size > 100_000) this.evictExpired(now);
  }

  async clear(key: string): Promise<void> {
    this.local.delete(key);
    await this.shared((redis) => redis.del(this.redisKey(key)));
  }

  /** The Redis answer, or undefined when there is no Redis or it failed (then the local counters serve). */
  private async shared<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.redis) return undefined;
    try {
      return await command(this.redis);
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(
          `Redis unavailable, counting failed logins in this process: ${(error as Error).message}`,
        );
      }
      return undefined;
    }
  }

  private redisKey(key: string): string {
    return `lienket:login-failures:${key}`;
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.local) if (window.resetAt <= now) this.local.delete(key);
  }
}
