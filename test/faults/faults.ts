/**
 * npm run test:faults — notifications survive the faults SPEC §6 names, on real MariaDB and Redis.
 *
 * Households are registered through the API; each registration is one `household.registered`
 * event delivered twice: to the inbox of the commune's official and to a webhook whose receiver
 * (here) records every raw request. Meanwhile:
 *   (c) the first worker runs with FAULT_INJECTION=relay-crash-after-enqueue: it dies between
 *       putting a batch on the queue and marking it published;
 *   (a) redis-server (a private one, on its own port) is SIGKILLed at ~30 % delivered and
 *       restarted empty;
 *   (b) the running worker is SIGKILLed while it holds active jobs, and another one started.
 * Then it waits for the queue to drain and counts. Exit 1 unless missing = 0 and effective
 * duplicates = 0 (raw duplicates — the same delivery id twice — are allowed: receivers de-duplicate).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as tcpServer } from 'node:net';
import { Queue } from 'bullmq';
import { Connection } from 'mysql2/promise';
import {
  ADMIN_PASSWORD,
  BASE,
  createBenchDatabase,
  dbConnection,
  login,
  RunningProcess,
  startApi,
  startWorker,
} from '../../bench/support';

const HOUSEHOLDS = Number(process.env.FAULTS_HOUSEHOLDS ?? 1000);
const CONCURRENCY = 8;
const DRAIN_TIMEOUT_MS = Number(process.env.FAULTS_DRAIN_TIMEOUT_SECONDS ?? 240) * 1000;
const SECRET = 'faults-webhook-secret-0123456789';
const QUEUE_PREFIX = `faults-${Date.now().toString(36)}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function freePort(): Promise<number> {
  const server = tcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of our own, so killing it touches nothing else on the machine. */
class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const binary = execFileSync('sh', ['-c', 'command -v redis-server || echo /usr/bin/redis-server'])
      .toString()
      .trim();
    this.child = spawn(
      binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await this.answers()) return;
      await sleep(100);
    }
    throw new Error(`redis-server did not answer on ${this.port}`);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = require('node:net').connect(this.port, '127.0.0.1') as import('node:net').Socket;
      socket.once('connect', () => {
        socket.write('PING\r\n');
        socket.once('data', (d) => (socket.destroy(), resolve(d.toString().startsWith('+PONG'))));
      });
      socket.once('error', () => resolve(false));
    });
  }
}

/** Records every webhook request: its delivery id, its event id, and whether the signature holds. */
class Receiver {
  readonly requests: Array<{ delivery: string; event: string }> = [];
  badSignatures = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
        if (req.headers['x-lienket-signature'] !== expected) this.badSignatures++;
        const body = JSON.parse(raw) as { id: string };
        this.requests.push({ delivery: String(req.headers['x-lienket-delivery']), event: body.id });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  distinctEvents(): number {
    return new Set(this.requests.map((r) => r.event)).size;
  }

  distinctDeliveries(): number {
    return new Set(this.requests.map((r) => r.delivery)).size;
  }

  stop(): Promise<unknown> {
    return new Promise((resolve) => this.server?.close(resolve));
  }
}

async function api(token: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${BASE}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** A valid CCCD (Lạng Sơn, born 1985, male) per serial. */
const cccd = (serial: number) => `020085${String(serial).padStart(6, '0')}`;

async function registerHouseholds(token: string, from: number, to: number, created: string[]): Promise<void> {
  let next = from;
  const client = async () => {
    while (next < to) {
      const i = next++;
      const res = await api(token, '/households', {
        headName: `Hoàng Văn Lực ${i}`,
        nationalId: cccd(i),
        gender: 'male',
        birthYear: 1985,
        ethnicity: '02',
        communeCode: '06427',
        village: `Thôn Thử ${i}`,
        memberCount: 4,
        povertyStatus: 'poor',
      });
      if (res.status !== 201) throw new Error(`household ${i}: ${res.status} ${await res.text()}`);
      created.push(((await res.json()) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
}

interface Progress {
  inbox: number;
  inboxDistinct: number;
  webhooksSent: number;
  undelivered: number;
}

async function progress(db: Connection, officialId: string): Promise<Progress> {
  const [[inbox]] = (await db.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT eventId) AS d FROM notifications WHERE userId = ?',
    [officialId],
  )) as unknown as [[{ n: number; d: number }]];
  const [[sent]] = (await db.query(
    "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'delivered'",
  )) as unknown as [[{ n: number }]];
  const [[pending]] = (await db.query(
    "SELECT COUNT(*) AS n FROM outbox_events WHERE deliveredAt IS NULL AND type = 'household.registered'",
  )) as unknown as [[{ n: number }]];
  return {
    inbox: Number(inbox.n),
    inboxDistinct: Number(inbox.d),
    webhooksSent: Number(sent.n),
    undelivered: Number(pending.n),
  };
}

async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for: ${what}`);
}

async function main(): Promise<number> {
  const database = await createBenchDatabase('lienket_faults');
  const redis = new PrivateRedis(await freePort());
  const receiver = new Receiver();
  const workers: RunningProcess[] = [];
  let apiProcess: RunningProcess | undefined;
  let queue: Queue | undefined;
  try {
    await redis.start();
    const hookUrl = await receiver.start();
    const env = {
      NODE_ENV: 'development',
      REDIS_URL: redis.url,
      QUEUE_PREFIX,
      OUTBOX_SWEEP_AFTER_SECONDS: '10',
      WEBHOOK_RETRY_BASE_MS: '200',
    };
    apiProcess = await startApi(database.url, env);
    const admin = await login('admin', ADMIN_PASSWORD);
    const official = await api(admin, '/users', {
      username: 'faults.official',
      password: 'faults-official-password',
      fullName: 'Cán bộ xã Cai Kinh',
      role: 'official',
      communeCode: '06427',
    });
    if (official.status !== 201) throw new Error(`official: ${official.status} ${await official.text()}`);
    const officialId = ((await official.json()) as { id: string }).id;
    const hook = await api(admin, '/webhooks', {
      url: hookUrl,
      secret: SECRET,
      events: ['household.registered'],
    });
    if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${await hook.text()}`);
    const db = await dbConnection(database.url);
    queue = new Queue('notify', {
      connection: { host: '127.0.0.1', port: redis.port },
      prefix: QUEUE_PREFIX,
    });
    queue.on('error', () => undefined); // Redis is killed on purpose below
    const created: string[] = [];

    // (c) The relay dies between enqueue and mark.
    const crashing = startWorker(database.url, { ...env, FAULT_INJECTION: 'relay-crash-after-enqueue' });
    workers.push(crashing);
    const crashed = new Promise((resolve) =>
      crashing.process.once('exit', (_code, signal) => resolve(signal)),
    );
    await registerHouseholds(admin, 0, 100, created);
    const signal = await Promise.race([crashed, sleep(30_000).then(() => 'still running')]);
    const [[unmarked]] = (await db.query(
      'SELECT COUNT(*) AS n FROM outbox_events WHERE publishedAt IS NULL',
    )) as unknown as [[{ n: number }]];
    const queued = await queue.count();
    log(
      `(c) relay with the fault flag: ${signal}; ${queued} jobs on the queue, ${unmarked.n} events unmarked`,
    );
    if (signal !== 'SIGKILL') throw new Error('the fault-injected relay did not crash');

    workers.push(startWorker(database.url, env));
    // Awaited below; a failure meanwhile must not escape as an unhandled rejection (it would skip clean-up).
    let registrationError: Error | undefined;
    const registering = registerHouseholds(admin, 100, HOUSEHOLDS, created).catch((error: Error) => {
      registrationError = error;
    });
    const expected = () => 2 * HOUSEHOLDS;
    const delivered = async () => {
      const p = await progress(db, officialId);
      return p.inboxDistinct + p.webhooksSent;
    };

    // (b) A worker dies holding active jobs (first: later, the backlog may be gone).
    // Jobs are active for some 40 ms each: looked for often, while households are still coming.
    await waitFor(
      'a worker holding active jobs',
      DRAIN_TIMEOUT_MS,
      async () => (await queue!.getJobCounts('active')).active > 0,
      5,
    );
    const victim = workers[workers.length - 1];
    await victim.kill();
    log(`(b) worker SIGKILLed holding active jobs, at ${await delivered()} of ${expected()} delivered`);
    workers.push(startWorker(database.url, env));

    // (a) Redis dies at ~30 % and comes back empty.
    await waitFor('30 % delivered', DRAIN_TIMEOUT_MS, async () => (await delivered()) >= 0.3 * expected());
    await redis.kill();
    log(`(a) redis-server SIGKILLed at ${await delivered()} of ${expected()} delivered`);
    await sleep(1000);
    await redis.start();
    log('(a) redis-server restarted, empty');

    await registering;
    if (registrationError) throw registrationError;
    const lastCreated = Date.now();
    log(`${created.length} households registered through the API`);
    await waitFor('every delivery', DRAIN_TIMEOUT_MS, async () => {
      const p = await progress(db, officialId);
      return (
        p.undelivered === 0 && p.webhooksSent >= created.length && receiver.distinctEvents() >= created.length
      );
    }).catch(async (error: Error) => {
      log(
        `${error.message}: ${JSON.stringify({ ...(await progress(db, officialId)), received: receiver.distinctEvents() })}`,
      );
    });
    const drainSeconds = (Date.now() - lastCreated) / 1000;

    const p = await progress(db, officialId);
    const expectedDeliveries = 2 * created.length;
    const inboxMissing = created.length - p.inboxDistinct;
    const webhookMissing = created.length - receiver.distinctEvents();
    const rawDuplicates = receiver.requests.length - receiver.distinctDeliveries();
    // The same event under two delivery ids is one a receiver cannot de-duplicate; inbox rows are
    // unique per (event, person), so a second row for the same event would be one too.
    const effectiveDuplicates =
      receiver.distinctDeliveries() - receiver.distinctEvents() + (p.inbox - p.inboxDistinct);
    const missing = inboxMissing + webhookMissing;
    await db.end();

    console.log('');
    console.log(
      `expected deliveries      ${expectedDeliveries} (${created.length} events × inbox + webhook)`,
    );
    console.log(`delivered                ${p.inboxDistinct + receiver.distinctEvents()}`);
    console.log(`missing                  ${missing} (inbox ${inboxMissing}, webhook ${webhookMissing})`);
    console.log(`raw duplicates           ${rawDuplicates} (webhook requests repeating a delivery id)`);
    console.log(`effective duplicates     ${effectiveDuplicates}`);
    console.log(`bad signatures           ${receiver.badSignatures}`);
    console.log(`drain time               ${drainSeconds.toFixed(1)} s after the last registration`);
    const ok = missing === 0 && effectiveDuplicates === 0 && receiver.badSignatures === 0;
    console.log(ok ? '\nfaults: PASS' : '\nfaults: FAIL');
    return ok ? 0 : 1;
  } finally {
    await queue?.close().catch(() => undefined);
    for (const w of workers) await w.stop().catch(() => undefined);
    await apiProcess?.stop().catch(() => undefined);
    await redis.kill();
    await receiver.stop();
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`faults: ERROR ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
