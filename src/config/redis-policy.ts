import Redis from 'ioredis';

/**
 * BullMQ loses jobs when Redis evicts keys, so production refuses a Redis whose maxmemory-policy is
 * not noeviction. Answers the problem in one line, or null when Redis is fit (or cannot be asked:
 * a managed Redis may forbid CONFIG, then INFO tells).
 */
export async function redisPolicyProblem(url: string): Promise<string | null> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  try {
    await redis.connect();
    let policy: string | undefined;
    try {
      policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    } catch {
      policy = /maxmemory_policy:(\S+)/.exec(await redis.info('memory'))?.[1];
    }
    return policy && policy !== 'noeviction'
      ? `REDIS_URL: Redis has maxmemory-policy ${policy}; the queues need noeviction (queued jobs must never be evicted)`
      : null;
  } catch (error) {
    return `REDIS_URL: Redis did not answer (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

/** For entry points in production: exit 1 with one line when Redis would lose jobs. */
export async function refuseUnfitRedis(env: { NODE_ENV: string; REDIS_URL?: string }): Promise<void> {
  if (env.NODE_ENV !== 'production' || !env.REDIS_URL) return;
  const problem = await redisPolicyProblem(env.REDIS_URL);
  if (!problem) return;
  process.stderr.write(`Invalid configuration: ${problem}\n`);
  process.exit(1);
}
