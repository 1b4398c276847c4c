import Redis from 'ioredis';

/** Removes the BullMQ keys this run's apps left in Redis (their prefixes start with the run id). */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.REDIS_URL || !process.env.LIENKET_TEST_RUN) return;
  const redis = new Redis(process.env.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `lktest-${process.env.LIENKET_TEST_RUN}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
