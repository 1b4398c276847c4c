import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

/**
 * In-process rate-limit counters (no Redis) as a fixed window per key: constant work per request.
 * @nestjs/throttler's own in-memory store keeps one timestamp per hit and filters them all on every
 * request, which costs O(requests per minute) each time — a quarter of the API's CPU for one busy
 * client in bench:registry. Over the limit, the key stays refused for the block duration.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    sweepEveryMs = 60_000,
  ) {
    setInterval(() => this.sweep(), sweepEveryMs).unref();
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = this.now();
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w || (w.endsAt <= now && w.blockedUntil <= now)) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    const blocked = w.blockedUntil > now;
    if (!blocked) {
      w.hits++;
      if (w.hits > limit) w.blockedUntil = now + (blockDuration > 0 ? blockDuration : w.endsAt - now);
    }
    const isBlocked = w.blockedUntil > now;
    return Promise.resolve({
      totalHits: w.hits,
      timeToExpire: Math.max(0, Math.ceil((w.endsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    });
  }

  /** Forgets windows that ended and are not blocking, so idle clients cost no memory. */
  sweep(): void {
    const now = this.now();
    for (const [id, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }

  get size(): number {
    return this.windows.size;
  }
}
