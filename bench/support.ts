/** What every npm run bench:* shares: a throw-away MariaDB database, the built API, autocannon. */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Connection, createConnection } from 'mysql2/promise';
import { prepareGet } from './paced-client';
import { pacedRunInWorker } from './paced-worker';
import { cpuMs, cpuPerRequest, localDatabasePid } from './process-cpu';

export const SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const PORT = Number(process.env.BENCH_PORT ?? 3917);
export const BASE = `http://127.0.0.1:${PORT}`;
export const ADMIN_PASSWORD = 'bench-admin-password-2026';
/** Connections the paced load may open (it needs only as many as answers are in flight). */
const CONNECTIONS_PACED = 50;

export interface Figures {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU ms per request of the API process and of a local database server (NaN when not measured). */
  apiCpuMs: number;
  dbCpuMs: number;
}

/** Whose CPU measure() and paced() count: the API last started, and the database if it is local. */
const measuredPids: { api?: number; db?: number } = {};

export interface BenchDatabase {
  url: string;
  admin: Connection;
  drop(): Promise<void>;
}

export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = await createConnection({ uri: SERVER });
  await sizeBufferPool(admin);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    admin,
    drop: async () => {
      // BENCH_KEEP_DB=1 leaves the database for EXPLAIN and friends.
      if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/**
 * A stock Debian MariaDB has a 128 MiB buffer pool, far below what a production server gives a
 * million-row register; benchmarks raise it (online) so they measure the application, not the disk.
 */
async function sizeBufferPool(admin: Connection): Promise<void> {
  const wanted = Number(process.env.BENCH_BUFFER_POOL_MB ?? 2048) * 1024 * 1024;
  const [rows] = await admin.query('SELECT @@innodb_buffer_pool_size AS size');
  const size = Number((rows as Array<{ size: string }>)[0].size);
  if (size < wanted) {
    try {
      await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${wanted}`);
    } catch (error) {
      console.log(
        `(could not raise innodb_buffer_pool_size from ${Math.round(size / 1048576)} MiB: ${(error as Error).message})`,
      );
    }
  }
  const [after] = await admin.query('SELECT @@innodb_buffer_pool_size AS size');
  console.log(
    `MariaDB/MySQL innodb_buffer_pool_size: ${Math.round(Number((after as Array<{ size: string }>)[0].size) / 1048576)} MiB`,
  );
}

export interface RunningProcess {
  process: ChildProcess;
  /** SIGTERM, then waits for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit (a crash). */
  kill(): Promise<void>;
}

export interface RunningApi extends RunningProcess {
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  currentRssMiB(): number;
}

const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** A built entry point (dist/src/<name>.js) as a child process, in production mode on the database. */
function spawnBuilt(
  name: 'main' | 'worker',
  databaseUrl: string,
  env: Record<string, string>,
): RunningProcess {
  const entry = join(__dirname, '..', 'dist', 'src', `${name}.js`);
  if (!existsSync(entry)) throw new Error(`dist/src/${name}.js is missing: run npm run build first`);
  // BENCH_CPU_PROF=<dir>: the process writes a V8 CPU profile there when it exits (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF, '--cpu-prof-interval', '500']
    : [];
  // As production starts Node (npm run start:prod, the image's NODE_OPTIONS): a 64 MB young generation.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', ...profile, entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      JWT_SECRET,
      ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      // Benchmarks measure throughput from one address, far above a person's rate limit.
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(sig);
    await exited;
  };
  return { process: child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** The worker process (npm run start:worker): the relay, the delivery jobs, the scans. */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}): RunningProcess {
  return spawnBuilt('worker', databaseUrl, env);
}

export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  port = PORT,
): Promise<RunningApi> {
  const base = `http://127.0.0.1:${port}`;
  if (
    await fetch(`${base}/health`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(
      `something already answers on port ${port} (a stray API from an earlier run?); set BENCH_PORT`,
    );
  }
  const api = spawnBuilt('main', databaseUrl, {
    PORT: String(port),
    HOST: '127.0.0.1',
    // The API alone: in production the outbox relay runs in the worker processes.
    WORKER: 'off',
    // Sized for the database as the README advises, about twice its cores: here it shares this machine.
    ...(localDatabasePid(SERVER) ? { DATABASE_POOL_SIZE: String(2 * availableParallelism()) } : {}),
    ...env,
  });
  await waitForHealth(base);
  measuredPids.api = api.process.pid;
  measuredPids.db = localDatabasePid(SERVER);
  const status = (field: string) => {
    const line = readFileSync(`/proc/${api.process.pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(field));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
  };
  return { ...api, peakRssMiB: () => status('VmHWM'), currentRssMiB: () => status('VmRSS') };
}

export async function waitForHealth(base = BASE): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy within 120s');
}

export async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** 3 s warm-up, then the measured run. `paths` rotate, so a route can be measured over many ids. */
export async function measure(
  route: string,
  paths: string[],
  headers: Record<string, string>,
  connections = CONNECTIONS,
  overallRate?: number,
): Promise<Figures> {
  const requests = paths.map((path) => ({ method: 'GET' as const, path }));
  const options = { url: BASE, headers, connections, requests, ...(overallRate ? { overallRate } : {}) };
  await autocannon({ ...options, duration: 3 });
  const { result, apiCpuMs, dbCpuMs } = await cpuPerRequest(
    measuredPids,
    () => autocannon({ ...options, duration: SECONDS }),
    (r) => r.requests.total,
  );
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    apiCpuMs,
    dbCpuMs,
  };
}

/**
 * p50/p99 at a steady rate, open loop: request i is due at start + i / rate and its latency counts
 * from then (waiting for a free connection included), so a slow answer cannot hide the requests it
 * held up. autocannon's overallRate is no such load: each connection sends its share of a second
 * back to back, then idles until the next second, so "half the max rate" is full speed on 10
 * connections half of the time; and it records every answer as if one more were due each
 * millisecond (expected interval ⌈1 / rate⌉ = 1 ms), adding a sample per millisecond of latency.
 */
export async function paced(
  route: string,
  paths: string[],
  headers: Record<string, string>,
  rate: number,
  seconds = SECONDS,
  maxConnections = CONNECTIONS_PACED,
): Promise<Figures> {
  const url = new URL(BASE);
  const port = Number(url.port);
  const requests = paths.map((path) => prepareGet(url.hostname, port, path, headers));
  const total = Math.round(rate * seconds);
  // Three seconds of warm-up, as measure() does, on the connections the measurement goes on using.
  let before = { api: NaN, db: NaN };
  const {
    latencies: measured,
    errors,
    non2xx,
    elapsed,
  } = await pacedRunInWorker(
    { host: url.hostname, port, requests, rate, total, maxConnections, warmUp: Math.round(rate * 3) },
    () => {
      before = { api: cpuMs(measuredPids.api), db: cpuMs(measuredPids.db) };
    },
  );
  const apiCpuMs = (cpuMs(measuredPids.api) - before.api) / total;
  const dbCpuMs = (cpuMs(measuredPids.db) - before.db) / total;
  const latencies = Array.from(measured).filter((l) => !Number.isNaN(l));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return {
    route,
    requestsPerSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
    apiCpuMs,
    dbCpuMs,
  };
}

export function printTable(results: Figures[], baseline: number): void {
  console.log('');
  console.log(
    'route                                      req/s    p50 ms   p99 ms   ratio   errors/non-2xx   CPU ms/request: API   DB',
  );
  const cpu = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(3) : '–').padStart(5);
  for (const r of results) {
    const ratio = (r.requestsPerSecond / baseline).toFixed(2);
    console.log(
      `${r.route.padEnd(40)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)}   ${ratio.padStart(5)}   ${`${r.errors}/${r.non2xx}`.padEnd(14)}   ${' '.repeat(15)}${cpu(r.apiCpuMs)}   ${cpu(r.dbCpuMs)}`,
    );
  }
}

/**
 * After a bulk load InnoDB goes on writing the dirty pages back for minutes, at its background I/O
 * pace; figures measured meanwhile are partly the disk's. This has InnoDB flush them at full speed
 * (innodb_max_dirty_pages_pct = 0, put back afterwards) and waits, up to BENCH_FLUSH_WAIT_S
 * (default 180 s), until fewer than 1 % of the buffer pool's pages are dirty.
 */
export async function waitForFlush(db: Connection): Promise<void> {
  const started = Date.now();
  const limitMs = Number(process.env.BENCH_FLUSH_WAIT_S ?? 180) * 1000;
  const status = async (name: string) => {
    const [rows] = await db.query('SHOW GLOBAL STATUS LIKE ?', [name]);
    return Number((rows as Array<{ Value: string }>)[0]?.Value ?? 0);
  };
  const [setting] = await db.query('SELECT @@innodb_max_dirty_pages_pct AS pct');
  const pct = Number((setting as Array<{ pct: string }>)[0].pct);
  await db.query('SET GLOBAL innodb_max_dirty_pages_pct = 0');
  try {
    const total = await status('Innodb_buffer_pool_pages_total');
    let dirty = await status('Innodb_buffer_pool_pages_dirty');
    while (dirty > total / 100 && Date.now() - started < limitMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      dirty = await status('Innodb_buffer_pool_pages_dirty');
    }
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`InnoDB pages still dirty after the load: ${dirty} of ${total} (waited ${waited} s)`);
  } finally {
    await db.query(`SET GLOBAL innodb_max_dirty_pages_pct = ${pct}`);
  }
}

/** A connection to a bench database in utf8mb4, as the API uses. */
export function dbConnection(url: string): Promise<Connection> {
  return createConnection({ uri: url, charset: 'utf8mb4_unicode_ci' });
}

/** Multi-row INSERTs of 2000 rows: how every bench generates its data. */
export async function insertRows(
  db: Connection,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + 2000)]);
  }
}
