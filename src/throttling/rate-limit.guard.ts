import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';

/**
 * Counts per signed-in person when the token is already read (an office behind one address is many
 * people), else per client address. Keys carry QUEUE_PREFIX, so deployments sharing a Redis stay apart.
 * When the counters' Redis does not answer, requests pass (logged): an outage of the limiter must
 * not become an outage of the API. Failed logins are still counted (LoginAttemptsService).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(ConfigService) private readonly config!: ConfigService<Env, true>;
  private readonly rateLimitLogger = new Logger(RateLimitGuard.name);
  private lastWarning = 0;

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.rateLimitLogger.warn(`rate limits not applied, their store failed: ${(error as Error).message}`);
      }
      return true;
    }
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.actor as Actor | undefined;
    return actor ? `user:${actor.id}` : `ip:${String(req.ip)}`;
  }

  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const prefix = this.config.get('QUEUE_PREFIX', { infer: true });
    return `${prefix}:throttle:${super.generateKey(context, suffix, name)}`;
  }
}
