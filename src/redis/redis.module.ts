import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Env } from '../config/env';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Injects the shared Redis connection, or null on the embedded default (no REDIS_URL). */
export const InjectRedis = () => Inject(REDIS_CLIENT);

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis | null) {}
  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    // quit() waits for the server; while it is away, disconnect() also stops the reconnecting.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>): Redis | null => {
        const url = config.get('REDIS_URL', { infer: true });
        if (!url) return null;
        // While Redis is away its commands fail at once (no offline queue), so the users of this
        // connection (rate limits, failed-login counts, health) fall back or report without waiting.
        const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
        // ioredis reconnects by itself; without a listener it prints every failed attempt unformatted.
        const logger = new Logger('Redis');
        let lastWarning = 0;
        redis.on('error', (error: Error) => {
          if (Date.now() - lastWarning < 60_000) return;
          lastWarning = Date.now();
          logger.warn(`Redis connection: ${error.message} (reconnecting)`);
        });
        return redis;
      },
    },
    RedisShutdown,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
