/**
 * npm run bench:http — starts the built API (dist/) on MariaDB/MySQL and measures with autocannon,
 * in one run: the hello route (GET /api/v1), GET /api/v1/communes, and an authenticated
 * GET /api/v1/auth/me. Prints req/s, p50/p99 latency and each route's ratio to the hello route.
 *
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/mysql) names the server; a throw-away
 * database is created and dropped. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

const SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_PASSWORD = 'bench-admin-password-2026';

interface Figures {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function main(): Promise<void> {
  const entry = join(__dirname, '..', 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error('dist/src/main.js is missing: run npm run build first');
  const database = `lienket_bench_${Date.now().toString(36)}`;
  const admin = await createConnection({ uri: SERVER });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  let api: ChildProcess | undefined;
  try {
    api = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: url.toString(),
        REDIS_URL: '',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        ADMIN_PASSWORD,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth();
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };

    console.log(
      `engine: MariaDB/MySQL (${SERVER.replace(/\/\/[^@]*@/, '//')}), ${CONNECTIONS} connections, ${SECONDS}s per route, after 3s warm-up`,
    );
    const results = [
      await measure('GET /api/v1 (hello)', '/api/v1', {}),
      await measure('GET /api/v1/communes', '/api/v1/communes', auth),
      await measure('GET /api/v1/auth/me', '/api/v1/auth/me', auth),
    ];
    const hello = results[0].requestsPerSecond;
    console.log('');
    console.log('route                         req/s    p50 ms   p99 ms   ratio   errors/non-2xx');
    for (const r of results) {
      console.log(
        `${r.route.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)}   ${(
          r.requestsPerSecond / hello
        ).toFixed(2)}    ${r.errors}/${r.non2xx}`,
      );
    }
    if (results.some((r) => r.errors || r.non2xx)) process.exitCode = 1;
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api!.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy within 60s');
}

async function measure(route: string, path: string, headers: Record<string, string>): Promise<Figures> {
  await autocannon({ url: BASE + path, headers, connections: CONNECTIONS, duration: 3 });
  const result = await autocannon({ url: BASE + path, headers, connections: CONNECTIONS, duration: SECONDS });
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
