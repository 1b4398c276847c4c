import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection options from REDIS_URL. Workers block on Redis, so BullMQ wants
 * maxRetriesPerRequest null on their connections; each Queue and Worker opens its own.
 */
export function queueConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
