/**
 * npm run bench:http — the built API on MariaDB/MySQL, measured with autocannon in one run: the
 * hello route (GET /api/v1), GET /api/v1/communes and an authenticated GET /api/v1/auth/me.
 * Prints req/s, p50/p99 and each route's ratio to the hello route.
 * BENCH_MYSQL_URL (default root@127.0.0.1:3306), BENCH_SECONDS (10), BENCH_CONNECTIONS (50).
 */
import {
  ADMIN_PASSWORD,
  CONNECTIONS,
  createBenchDatabase,
  login,
  measure,
  printTable,
  SECONDS,
  SERVER,
  startApi,
} from './support';

async function main(): Promise<void> {
  const db = await createBenchDatabase('lienket_bench_http');
  const api = await startApi(db.url).catch(async (e) => {
    await db.drop();
    throw e;
  });
  try {
    const auth = { authorization: `Bearer ${await login('admin', ADMIN_PASSWORD)}` };
    console.log(
      `engine: MariaDB/MySQL (${SERVER.replace(/\/\/[^@]*@/, '//')}), ${CONNECTIONS} connections, ${SECONDS}s per route after 3s warm-up`,
    );
    const results = [
      await measure('GET /api/v1 (hello)', ['/api/v1'], {}),
      await measure('GET /api/v1/communes', ['/api/v1/communes'], auth),
      await measure('GET /api/v1/auth/me', ['/api/v1/auth/me'], auth),
    ];
    printTable(results, results[0].requestsPerSecond);
    if (results.some((r) => r.errors || r.non2xx)) process.exitCode = 1;
  } finally {
    await api.stop();
    await db.drop();
  }
}

main().catch((error: Error) => {
  // mysql2 errors carry the whole statement; the message is what a reader needs.
  console.error(error.message.slice(0, 2000));
  process.exit(1);
});
