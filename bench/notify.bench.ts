/**
 * npm run bench:notify — the outbox → BullMQ → inbox path on MariaDB/MySQL and Redis (issue 7):
 * 1. latency: one worker process (npm run start:worker, as shipped: relay polling every 0.1 s,
 *    4 delivery jobs at a time) while the bench inserts `household.registered` events straight into
 *    outbox_events at BENCH_EVENTS_PER_SECOND (500) for BENCH_SECONDS (30), each routed to the
 *    OFFICIALS officials of commune 06427. Latency per inbox row = notifications.createdAt −
 *    outbox_events.occurredAt, both DATETIME(6) defaults from the database clock. createdAt is the
 *    INSERT's time inside the delivery transaction, a few ms before the commit makes the row
 *    visible; the relay's poll wait (up to 0.1 s) is part of the figure. The completed BullMQ jobs
 *    split it into stages: occurredAt → job added (relay), added → taken (queue), taken → done (job);
 * 2. relay and delivery throughput: BACKLOG events inserted while no worker runs, then a fresh
 *    worker process relays and delivers them, both at once as in production. Times count from the
 *    moment its BullMQ worker registers in Redis (the relay starts then; its first poll is 0.1 s
 *    later) until every event has publishedAt, and until every one has deliveredAt (polled every
 *    50 ms);
 * 3. a bare BullMQ worker in this process on the same Redis, with a no-op processor, our
 *    concurrency, lock settings and job options: BACKLOG jobs of one event id each (the naive
 *    shape), then 4,000 jobs of 100 ids (our shape, for reference). The ratio is our delivery rate
 *    (2) over the bare one-job-per-event rate, in events/s.
 * Targets: p99 ≤ 1 s; ratio ≥ 0.5. Every process uses its own QUEUE_PREFIX, whose keys are
 * deleted at the end.
 */
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Connection } from 'mysql2/promise';
import { queueConnection } from '../src/queue/queue-connection';
import {
  ADMIN_PASSWORD,
  BASE,
  RunningProcess,
  createBenchDatabase,
  dbConnection,
  insertRows,
  login,
  startApi,
  startWorker,
} from './support';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.BENCH_EVENTS_PER_SECOND ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_SECONDS = 3;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const COMMUNE = '06427';
const OFFICIALS = 2;
const TICK_MS = 20;
const DRAIN_TIMEOUT_MS = 120_000;
const P99_TARGET_MS = 1000;
const RATIO_TARGET = 0.5;
// What src/notifications/notify-queue.ts ships: queue name, events per job, worker and job options.
const NOTIFY_QUEUE = 'notify';
const EVENTS_PER_JOB = 100;
// The backlog in our shape is only 200 jobs (some 20 ms of a no-op worker): too short to time well.
const SHAPED_JOBS = 4000;
const CONCURRENCY = 4;
const WORKER_OPTIONS = { concurrency: CONCURRENCY, lockDuration: 15_000, stalledInterval: 15_000 };
const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
const EVENT_COLUMNS = ['id', 'type', 'aggregateType', 'aggregateId', 'payload'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const since = (start: number) => (performance.now() - start) / 1000;

interface Row {
  label: string;
  value: string;
  target?: string;
}

function eventRows(count: number): unknown[][] {
  return Array.from({ length: count }, () => {
    const householdId = randomUUID();
    const payload = { householdId, communeCode: COMMUNE, cooperativeId: null };
    return [randomUUID(), 'household.registered', 'household', householdId, JSON.stringify(payload)];
  });
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const spread = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${ms(percentile(s, 50))}, p95 ${ms(percentile(s, 95))}, p99 ${ms(percentile(s, 99))}, max ${ms(s[s.length - 1])}`;
};

async function count(db: Connection, sql: string): Promise<number> {
  const [rows] = await db.query(sql);
  return Number((rows as Array<{ n: number | string }>)[0].n);
}

/**
 * Inserts events, again when the INSERT is chosen as a deadlock victim (the relay's and the
 * deliveries' locks on outbox_events can meet a concurrent insert); answers how many times it was.
 */
async function insertEvents(db: Connection, rows: unknown[][]): Promise<number> {
  for (let deadlocks = 0; ; deadlocks++) {
    try {
      await insertRows(db, 'outbox_events', EVENT_COLUMNS, rows);
      return deadlocks;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ER_LOCK_DEADLOCK' || deadlocks >= 10) throw error;
    }
  }
}

/** Inserts `total` events on a TICK_MS schedule: each tick inserts what the rate owes by then. */
async function sustain(db: Connection, rate: number, seconds: number) {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let inserted = 0;
  let maxOwed = 0;
  let deadlocks = 0;
  let lastInsert = 0;
  for (let tick = 1; inserted < total; tick++) {
    const owed = Math.min(total, Math.floor(since(start) * rate)) - inserted;
    if (owed > 0) {
      maxOwed = Math.max(maxOwed, owed);
      deadlocks += await insertEvents(db, eventRows(owed));
      inserted += owed;
      lastInsert = since(start);
    }
    await sleep(Math.max(0, start + tick * TICK_MS - performance.now()));
  }
  return { inserted, seconds: lastInsert, maxOwed, deadlocks };
}

async function waitFor(what: string, done: () => Promise<boolean>, pollMs: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${DRAIN_TIMEOUT_MS / 1000} s`);
    await sleep(pollMs);
  }
}

async function startNotifyWorker(dbUrl: string, prefix: string, notify: Queue): Promise<RunningProcess> {
  // 'error': a failed attempt (a deadlock) is counted from the jobs instead of logged.
  const worker = startWorker(dbUrl, { REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'error' });
  await waitFor('the worker registering in Redis', async () => (await notify.getWorkersCount()) > 0, 10);
  return worker;
}

async function createOfficials(): Promise<void> {
  const admin = await login('admin', ADMIN_PASSWORD);
  for (let i = 0; i < OFFICIALS; i++) {
    const res = await fetch(`${BASE}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        username: `bench.official.${i}`,
        password: 'bench-official-password',
        fullName: `Bench official ${i}`,
        role: 'official',
        communeCode: COMMUNE,
      }),
    });
    if (!res.ok) throw new Error(`creating official ${i} failed: ${res.status} ${await res.text()}`);
  }
}

/** Phase 1: latency at a sustained rate, with the relay → queue → job split from BullMQ's jobs. */
async function latency(db: Connection, notify: Queue): Promise<Row[]> {
  await sustain(db, RATE, WARM_UP_SECONDS);
  await waitFor('the warm-up delivery', async () => (await undelivered(db)) === 0, 100);
  await notify.clean(0, 1_000_000, 'completed');
  // Kept in the session: a JS Date would lose the microseconds.
  await db.query('SET @boundary = NOW(6)');
  const run = await sustain(db, RATE, SECONDS);
  const drainStart = performance.now();
  await waitFor('the delivery of every event', async () => (await undelivered(db)) === 0, 100);
  const drained = since(drainStart);

  const [rows] = await db.query(
    `SELECT TIMESTAMPDIFF(MICROSECOND, e.occurredAt, n.createdAt) / 1000 AS ms
       FROM notifications n INNER JOIN outbox_events e ON e.id = n.eventId
      WHERE e.occurredAt >= @boundary ORDER BY ms`,
  );
  const latencies = (rows as Array<{ ms: string }>).map((r) => Number(r.ms));
  const expected = run.inserted * OFFICIALS;
  if (latencies.length !== expected) {
    process.exitCode = 1;
    console.log(`!! ${latencies.length} inbox rows for ${run.inserted} events × ${OFFICIALS} officials`);
  }

  const [events] = await db.query(
    'SELECT id, UNIX_TIMESTAMP(occurredAt) * 1000 AS at FROM outbox_events WHERE occurredAt >= @boundary',
  );
  const occurred = new Map((events as Array<{ id: string; at: string }>).map((e) => [e.id, Number(e.at)]));
  const relay: number[] = [];
  const queued: number[] = [];
  const job: number[] = [];
  const jobEvents: number[] = [];
  let retried = 0;
  for (const j of await notify.getJobs(['completed'], 0, -1)) {
    const ids = (j.data as { eventIds: string[] }).eventIds.filter((id) => occurred.has(id));
    if (!ids.length) continue;
    jobEvents.push(ids.length);
    if (j.attemptsMade > 1) retried++;
    for (const id of ids) {
      relay.push(j.timestamp - occurred.get(id)!);
      queued.push(j.processedOn! - j.timestamp);
      job.push(j.finishedOn! - j.processedOn!);
    }
  }
  const p99 = percentile(latencies, 99);
  return [
    { label: 'events inserted', value: `${run.inserted} in ${run.seconds.toFixed(2)} s` },
    {
      label: 'sustained insert rate',
      value: `${(run.inserted / run.seconds).toFixed(0)} events/s (most owed at one tick: ${run.maxOwed})`,
      target: `${RATE} events/s`,
    },
    { label: 'inserts retried after a deadlock', value: String(run.deadlocks) },
    { label: 'inbox rows', value: `${latencies.length} (expected ${expected})` },
    { label: 'event → inbox p50', value: ms(percentile(latencies, 50)) },
    { label: 'event → inbox p95', value: ms(percentile(latencies, 95)) },
    {
      label: 'event → inbox p99',
      value: ms(p99),
      target: `≤ ${P99_TARGET_MS} ms: ${p99 <= P99_TARGET_MS ? 'met' : 'NOT met'}`,
    },
    { label: 'event → inbox max', value: ms(latencies[latencies.length - 1]) },
    { label: 'left to deliver after the run', value: `drained in ${drained.toFixed(2)} s` },
    { label: '  stage: occurred → job added', value: spread(relay) },
    { label: '  stage: job added → taken', value: spread(queued) },
    { label: '  stage: job taken → done', value: spread(job) },
    {
      label: '  jobs',
      value: `${jobEvents.length}, ${(jobEvents.reduce((a, b) => a + b, 0) / jobEvents.length).toFixed(1)} events each on average; ${retried} needed more than one attempt`,
    },
  ];
}

const undelivered = (db: Connection) =>
  count(db, 'SELECT COUNT(*) AS n FROM outbox_events WHERE deliveredAt IS NULL');

/** CPU time (user + system) a process has used, in seconds; Linux clock ticks are 1/100 s. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Phase 2: a backlog relayed and delivered by a fresh worker process. */
async function backlog(db: Connection, dbUrl: string, prefix: string, notify: Queue) {
  await insertRows(db, 'outbox_events', EVENT_COLUMNS, eventRows(BACKLOG));
  const worker = await startNotifyWorker(dbUrl, prefix, notify);
  try {
    const start = performance.now();
    const cpuBefore = cpuSeconds(worker.process.pid!);
    let published = NaN;
    await waitFor(
      'the delivery of the backlog',
      async () => {
        if (Number.isNaN(published)) {
          if (!(await count(db, 'SELECT COUNT(*) AS n FROM outbox_events WHERE publishedAt IS NULL')))
            published = since(start);
        }
        return (await undelivered(db)) === 0;
      },
      50,
    );
    const delivered = since(start);
    return { published, delivered, workerCpu: (cpuSeconds(worker.process.pid!) - cpuBefore) / delivered };
  } finally {
    await worker.stop();
  }
}

/** Phase 3: a no-op BullMQ worker over `jobs` jobs of `perJob` ids each; answers seconds. */
async function bare(prefix: string, name: string, jobs: number, perJob: number): Promise<number> {
  const options = { connection: queueConnection(REDIS_URL), prefix };
  const queue = new Queue(name, { ...options, defaultJobOptions: JOB_OPTIONS });
  try {
    for (let i = 0; i < jobs; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - i) }, () => ({
          name: 'deliver',
          data: { eventIds: Array.from({ length: perJob }, () => randomUUID()) },
        })),
      );
    }
    let completed = 0;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const worker = new Worker(name, async () => undefined, { ...options, ...WORKER_OPTIONS, autorun: false });
    worker.on('completed', () => {
      if (++completed === jobs) finish();
    });
    await worker.waitUntilReady();
    const start = performance.now();
    void worker.run();
    await done;
    const seconds = since(start);
    await worker.close();
    return seconds;
  } finally {
    await queue.close();
  }
}

async function deleteKeys(redis: IORedis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
    if ((keys as string[]).length) deleted += await redis.unlink(...(keys as string[]));
  }
  return deleted;
}

function print(rows: Row[]): void {
  console.log('');
  for (const r of rows) {
    if (!r.value) console.log(`\n${r.label}`);
    else console.log(`${r.label.padEnd(34)} ${r.value}${r.target ? `   [target ${r.target}]` : ''}`);
  }
}

async function main(): Promise<void> {
  const prefix = `bench-notify-${Date.now().toString(36)}`;
  const db = await createBenchDatabase('lienket_bench_notify');
  const notify = new Queue(NOTIFY_QUEUE, { connection: queueConnection(REDIS_URL), prefix });
  const redis = new IORedis(REDIS_URL);
  let worker: RunningProcess | undefined;
  try {
    const env = { REDIS_URL, QUEUE_PREFIX: prefix };
    const api = await startApi(db.url, env);
    try {
      await createOfficials();
    } finally {
      await api.stop();
    }
    const conn = await dbConnection(db.url);
    try {
      const [[{ version }]] = (await conn.query('SELECT VERSION() AS version')) as unknown as [
        [{ version: string }],
      ];
      const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
      console.log(
        `MariaDB/MySQL ${version}, Redis ${redisVersion}, ${cpus().length} CPUs (load ${loadavg()[0].toFixed(2)}), ` +
          `queue prefix ${prefix}; ${OFFICIALS} officials of commune ${COMMUNE} per event`,
      );

      worker = await startNotifyWorker(db.url, prefix, notify);
      console.log(`latency: ${WARM_UP_SECONDS} s warm-up, then ${RATE} events/s for ${SECONDS} s …`);
      const latencyRows = await latency(conn, notify);
      await worker.stop();
      worker = undefined;

      console.log(`throughput: a backlog of ${BACKLOG} events, a fresh worker process …`);
      const ours = await backlog(conn, db.url, prefix, notify);
      console.log('bare BullMQ no-op worker …');
      const naive = await bare(prefix, 'bare-one', BACKLOG, 1);
      const shaped = await bare(prefix, 'bare-batched', SHAPED_JOBS, EVENTS_PER_JOB);

      const deliveryRate = BACKLOG / ours.delivered;
      const naiveRate = BACKLOG / naive;
      const ratio = deliveryRate / naiveRate;
      print([
        { label: `Latency (${RATE} events/s for ${SECONDS} s, one worker process)`, value: '' },
        ...latencyRows,
        { label: `Throughput (backlog of ${BACKLOG} events, one worker process)`, value: '' },
        {
          label: 'relay: all published',
          value: `${ours.published.toFixed(2)} s → ${(BACKLOG / ours.published).toFixed(0)} events/s`,
        },
        {
          label: 'delivery: all delivered',
          value: `${ours.delivered.toFixed(2)} s → ${deliveryRate.toFixed(0)} events/s`,
        },
        {
          label: 'worker process CPU',
          value: `${(ours.workerCpu * 100).toFixed(0)} % of one core meanwhile`,
        },
        { label: `Bare BullMQ no-op worker (concurrency ${CONCURRENCY}, this process)`, value: '' },
        {
          label: '1 event per job',
          value: `${BACKLOG} jobs in ${naive.toFixed(2)} s → ${naiveRate.toFixed(0)} jobs/s = events/s`,
        },
        {
          label: `${EVENTS_PER_JOB} events per job (our shape)`,
          value: `${SHAPED_JOBS} jobs in ${shaped.toFixed(2)} s → ${((SHAPED_JOBS * EVENTS_PER_JOB) / shaped).toFixed(0)} events/s`,
        },
        {
          label: 'ratio ours / bare (1 event/job)',
          value: `${ratio.toFixed(2)} (our delivery events/s over bare no-op jobs/s, one event per job)`,
          target: `≥ ${RATIO_TARGET}: ${ratio >= RATIO_TARGET ? 'met' : 'NOT met'}`,
        },
      ]);
      // Everything shares the machine's cores with MariaDB and Redis: a busy machine lowers every figure.
      console.log(`\n1-minute load average at the end: ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs`);
    } finally {
      await conn.end();
    }
  } finally {
    await worker?.stop();
    await notify.close();
    try {
      console.log(`\ndeleted ${await deleteKeys(redis, prefix)} Redis keys of ${prefix}`);
    } finally {
      redis.disconnect();
      await db.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
