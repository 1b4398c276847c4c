import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';

/**
 * Counts per signed-in person when the token is already read (an office behind one address is many
 * people), else per client address. Keys carry QUEUE_PREFIX, so deployments sharing a Redis stay apart.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(ConfigService) private readonly config!: ConfigService<Env, true>;

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.actor as Actor | undefined;
    return actor ? `user:${actor.id}` : `ip:${String(req.ip)}`;
  }

  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const prefix = this.config.get('QUEUE_PREFIX', { infer: true });
    return `${prefix}:throttle:${super.generateKey(context, suffix, name)}`;
  }
}
