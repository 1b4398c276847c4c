import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { InjectRedis } from '../redis/redis.module';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis | null,
  ) {}

  async isHealthy(key = 'redis'): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    if (!this.redis) return check.up({ mode: 'inline queue (no REDIS_URL)' });
    try {
      const answer = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500)),
      ]);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${answer}` });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
