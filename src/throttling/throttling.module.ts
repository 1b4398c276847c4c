import { ExecutionContext, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request } from 'express';
import type Redis from 'ioredis';
import type { Env } from '../config/env';
import { REDIS_CLIENT } from '../redis/redis.module';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';
import { RateLimitGuard } from './rate-limit.guard';

const isLogin = (context: ExecutionContext): boolean => {
  const req = context.switchToHttp().getRequest<Request>();
  // originalUrl: the address as sent (pages are routed internally under /_web, see web-routes.ts).
  return req.method === 'POST' && /^\/(api\/v1\/auth\/)?login\/?$/.test(req.originalUrl.split('?')[0]);
};

/**
 * Request rate limits (429 with Retry-After): RATE_LIMIT_PER_MINUTE for everything, and a stricter
 * RATE_LIMIT_LOGIN_PER_MINUTE on logging in (API and pages). With Redis the counters live there, so
 * the limits hold across processes; without, each process counts alone.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: (config: ConfigService<Env, true>, redis: Redis | null) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }) },
          {
            name: 'login',
            ttl: 60_000,
            limit: config.get('RATE_LIMIT_LOGIN_PER_MINUTE', { infer: true }),
            skipIf: (context: ExecutionContext) => !isLogin(context),
          },
        ],
        storage: redis ? new ThrottlerStorageRedisService(redis) : new FixedWindowThrottlerStorage(),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
