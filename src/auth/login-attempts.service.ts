import { Injectable } from '@nestjs/common';
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
 */
@Injectable()
export class LoginAttemptsService {
  private readonly local = new Map<string, Window>();
  private readonly windowSeconds: number;

  constructor(
    config: ConfigService<Env, true>,
    @InjectRedis() private readonly redis: Redis | null,
  ) {
    this.windowSeconds = config.get('LOGIN_WINDOW_SECONDS', { infer: true });
  }

  async failures(key: string): Promise<number> {
    if (this.redis) return Number((await this.redis.get(this.redisKey(key))) ?? 0);
    const window = this.local.get(key);
    return window && window.resetAt > Date.now() ? window.count : 0;
  }

  async recordFailure(key: string): Promise<void> {
    if (this.redis) {
      const k = this.redisKey(key);
      await this.redis.multi().incr(k).expire(k, this.windowSeconds, 'NX').exec();
      return;
    }
    const now = Date.now();
    const window = this.local.get(key);
    if (window && window.resetAt > now) window.count += 1;
    else this.local.set(key, { count: 1, resetAt: now + this.windowSeconds * 1000 });
    if (this.local.size > 100_000) this.evictExpired(now);
  }

  async clear(key: string): Promise<void> {
    if (this.redis) await this.redis.del(this.redisKey(key));
    else this.local.delete(key);
  }

  private redisKey(key: string): string {
    return `lienket:login-failures:${key}`;
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.local) if (window.resetAt <= now) this.local.delete(key);
  }
}
