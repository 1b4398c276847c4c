/**
 * npm run test:scale — two API and two worker processes on one MariaDB and one Redis, driven by
 * concurrent clients through both APIs, with a rolling restart (SIGTERM) of one API and one worker
 * in the middle. Checks: no lost or extra household, no over-payment, no over-commitment, every
 * accepted status change in the history, every event delivered once in effect (webhook receiver),
 * scans once per period, no request accepted before a SIGTERM failing, no stalled job. Prints the
 * counts; exit 1 on any loss.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { Connection } from 'mysql2/promise';
import {
  ADMIN_PASSWORD,
  createBenchDatabase,
  dbConnection,
  RunningProcess,
  startApi,
  startWorker,
} from '../../bench/support';
import { call, Outcome } from './http-client';

const PORTS = [Number(process.env.SCALE_PORT ?? 3961), Number(process.env.SCALE_PORT ?? 3961) + 1];
const REDIS_URL = process.env.SCALE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOUSEHOLDS = Number(process.env.SCALE_HOUSEHOLDS ?? 800);
const CLIENTS = 8;
const QUEUE_PREFIX = `scale-${Date.now().toString(36)}`;
const SCAN_SECONDS = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const outcomes: Outcome[] = [];
let apiTurn = 0;

/** Alternates between the APIs; a refused connection (an API restarting) is retried on the other. */
async function api(method: string, path: string, body?: unknown, token?: string): Promise<Outcome> {
  const first = apiTurn++ % 2;
  for (const index of [first, 1 - first]) {
    const outcome = await call(PORTS[index], method, path, body, token);
    outcomes.push(outcome);
    if (outcome.status !== 0 || outcome.connectedAt !== null) return outcome;
  }
  return outcomes[outcomes.length - 1];
}

/** The answer's body when the status is the expected one (the fields the set-up reads: id, accessToken). */
async function must(
  method: string,
  path: string,
  body: unknown,
  token: string,
  status = 201,
): Promise<{ id: string; accessToken: string }> {
  const res = await api(method, path, body, token);
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; accessToken: string };
}

class Receiver {
  readonly received: Array<{ delivery: string; event: string }> = [];
  private server?: Server;
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          delivery: String(req.headers['x-lienket-delivery']),
          event: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  stop(): Promise<unknown> {
    return new Promise((resolve) => this.server?.close(resolve));
  }
}

const one = async <T>(db: Connection, sql: string, params: unknown[] = []): Promise<T> =>
  ((await db.query(sql, params)) as unknown as [T[]])[0][0];

async function main(): Promise<number> {
  const database = await createBenchDatabase('lienket_scale');
  const receiver = new Receiver();
  const apis: RunningProcess[] = [];
  const workers: RunningProcess[] = [];
  const stalled: string[] = [];
  let queue: Queue | undefined;
  let queueEvents: QueueEvents | undefined;
  try {
    const hook = await receiver.start();
    const env = {
      REDIS_URL,
      QUEUE_PREFIX,
      SCAN_INTERVAL_SECONDS: String(SCAN_SECONDS),
      OUTBOX_SWEEP_AFTER_SECONDS: '30',
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'error',
    };
    for (const port of PORTS) apis.push(await startApi(database.url, env, port));
    workers.push(startWorker(database.url, env), startWorker(database.url, env));
    const connection = { url: REDIS_URL };
    queue = new Queue('notify', { connection, prefix: QUEUE_PREFIX });
    queueEvents = new QueueEvents('notify', { connection, prefix: QUEUE_PREFIX });
    queueEvents.on('stalled', ({ jobId }) => stalled.push(jobId));
    const db = await dbConnection(database.url);

    // Set-up, as the people would: admin, official, a cooperative and its staff, a buyer.
    const admin = (
      (await must(
        'POST',
        '/api/v1/auth/login',
        { username: 'admin', password: ADMIN_PASSWORD },
        '',
        200,
      )) as { accessToken: string }
    ).accessToken;
    const loginAs = async (username: string) =>
      (
        (await must(
          'POST',
          '/api/v1/auth/login',
          { username, password: 'scale-password-2026' },
          '',
          200,
        )) as { accessToken: string }
      ).accessToken;
    const coopId = (
      await must(
        'POST',
        '/api/v1/cooperatives',
        { name: 'HTX Thử tải Cai Kinh', taxCode: '4900123456', communeCode: '06427' },
        admin,
      )
    ).id;
    const enterpriseId = (
      await must(
        'POST',
        '/api/v1/enterprises',
        { name: 'Công ty Thử tải', taxCode: '4900654321', kind: 'exporter', markets: ['CN'] },
        admin,
      )
    ).id;
    const user = (username: string, role: string, extra: object) =>
      must(
        'POST',
        '/api/v1/users',
        { username, password: 'scale-password-2026', fullName: `Người dùng ${username}`, role, ...extra },
        admin,
      );
    await user('scale.official', 'official', {});
    await user('scale.commune', 'official', { communeCode: '06427' });
    await user('scale.coop', 'cooperative', { cooperativeId: coopId });
    await user('scale.buyer', 'enterprise', { enterpriseId });
    const [official, coop, buyer] = [
      await loginAs('scale.official'),
      await loginAs('scale.coop'),
      await loginAs('scale.buyer'),
    ];
    await must('POST', '/api/v1/webhooks', { url: hook, secret: 'scale-webhook-secret-0123456789' }, admin);

    const code = async (n: number) => {
      const id = (
        await must(
          'POST',
          '/api/v1/growing-areas',
          {
            code: `VN-SC-${String(n).padStart(4, '0')}`,
            kind: 'export',
            markets: ['CN'],
            productCode: 'custard-apple',
            areaHa: 10,
            communeCode: '06427',
            cooperativeId: coopId,
            issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
            issuedOn: '2026-06-01',
          },
          official,
        )
      ).id as string;
      await must(
        'POST',
        `/api/v1/growing-areas/${id}/status`,
        { to: 'active', reason: 'cấp mã' },
        official,
        200,
      );
      return id;
    };
    const [a, b, c] = [await code(1), await code(2), await code(3)];
    for (const [id, volume] of [
      [a, 3100],
      [b, 3100],
    ] as const) {
      await must(
        'POST',
        `/api/v1/growing-areas/${id}/forecasts`,
        { productCode: 'custard-apple', periodStart: '2030-08-01', periodEnd: '2030-08-31', volume },
        official,
      );
    }
    const model = (
      await must(
        'POST',
        '/api/v1/value-chains',
        {
          name: 'Liên kết thử tải na Chi Lăng',
          productCode: 'custard-apple',
          programme: '1719',
          leadCooperativeId: coopId,
          communeCodes: ['06427'],
          startsOn: '2027-03-01',
          endsOn: '2028-12-31',
          budget: {
            state: 1_000_000,
            counterpart: 0,
            household: 0,
            enterprise: 0,
            stateByCapitalType: { investment: 1_000_000, recurrent: 0 },
          },
          decisionNumber: '99/QĐ-UBND',
          decisionDate: '2027-01-15',
        },
        official,
      )
    ).id as string;
    for (const to of ['submitted', 'approved'])
      await must('POST', `/api/v1/value-chains/${model}/transitions`, { to }, official, 200);
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++) {
      drafts.push(
        (
          await must(
            'POST',
            '/api/v1/contracts',
            {
              cooperativeId: coopId,
              productCode: 'custard-apple',
              volume: 2000,
              unit: 'kg',
              priceVndPerUnit: 25000,
              deliveryFrom: '2030-08-01',
              deliveryTo: '2030-08-31',
              sourceGrowingAreaIds: [a, b],
            },
            buyer,
          )
        ).id,
      );
    }
    log(
      'set-up done: 2 APIs, 2 workers, codes, forecasts, a model with a 1,000,000 VND line, 10 draft contracts',
    );

    // The run: households through both APIs, racing disbursements, activations and status changes.
    const startedAt = Date.now();
    let created = 0;
    let next = 0;
    const households = async () => {
      while (next < HOUSEHOLDS) {
        const i = next++;
        const res = await api(
          'POST',
          '/api/v1/households',
          {
            headName: `Hoàng Văn Tải ${i}`,
            nationalId: `020085${String(500000 + i).padStart(6, '0')}`,
            gender: 'male',
            birthYear: 1985,
            ethnicity: '02',
            communeCode: '06427',
            village: `Thôn Tải ${i}`,
            memberCount: 4,
            povertyStatus: 'poor',
          },
          coop,
        );
        if (res.status === 201) created++;
        else if (res.status !== 409)
          log(`household ${i}: ${res.status} ${res.error ?? JSON.stringify(res.body)}`);
      }
    };
    const pay = () =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          api(
            'POST',
            `/api/v1/value-chains/${model}/disbursements`,
            {
              source: 'state',
              capitalType: 'investment',
              amountVnd: 75_000,
              paidOn: '2027-06-15',
              voucher: `UNC ${i}`,
            },
            official,
          ),
        ),
      );
    const activate = () =>
      Promise.all(drafts.map((id) => api('POST', `/api/v1/contracts/${id}/status`, { to: 'active' }, buyer)));
    const statusRace = async () => {
      const results: Outcome[] = [];
      for (let round = 0; round < 10; round++) {
        const to = round % 2 === 0 ? 'suspended' : 'active';
        results.push(
          ...(await Promise.all(
            [1, 2].map(() =>
              api('POST', `/api/v1/growing-areas/${c}/status`, { to, reason: `vòng ${round}` }, official),
            ),
          )),
        );
      }
      return results;
    };
    const restart = async () => {
      while (created < HOUSEHOLDS * 0.4) await sleep(50);
      const signalAt = Date.now();
      log(`rolling restart: SIGTERM to API ${PORTS[0]} and one worker at ${created} households`);
      await Promise.all([apis[0].stop(), workers[0].stop()]);
      apis[0] = await startApi(database.url, env, PORTS[0]);
      workers[0] = startWorker(database.url, env);
      log('API and worker back');
      return signalAt;
    };
    const [signalAt, payments, activations, statuses] = await Promise.all([
      restart(),
      pay(),
      activate(),
      statusRace(),
      ...Array.from({ length: CLIENTS }, households),
    ]);
    log(`${created} households in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    // Wait for every event to be delivered and every webhook sent.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const pending = await one<{ n: number }>(
        db,
        'SELECT COUNT(*) AS n FROM outbox_events WHERE deliveredAt IS NULL',
      );
      const unsent = await one<{ n: number }>(
        db,
        "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'",
      );
      if ((Number(pending.n) === 0 && Number(unsent.n) === 0) || Date.now() > deadline) break;
      await sleep(500);
    }
    await sleep(SCAN_SECONDS * 1000 + 500);

    const counts = {
      householdsAccepted: created,
      householdsInDb: Number((await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM households')).n),
      paymentsAccepted: payments.filter((r) => r.status === 201).length,
      paidVnd: Number(
        (await one<{ s: string }>(db, 'SELECT COALESCE(SUM(amountVnd), 0) AS s FROM disbursements')).s,
      ),
      activationsAccepted: activations.filter((r) => r.status === 200).length,
      committedKg: Number(
        (
          await one<{ s: string }>(
            db,
            "SELECT COALESCE(SUM(committedVolume), 0) AS s FROM contract_sources cs JOIN contracts k ON k.id = cs.contractId WHERE k.status = 'active'",
          )
        ).s,
      ),
      statusChangesAccepted: statuses.filter((r) => r.status === 200).length,
      statusChangesInHistory:
        Number(
          (
            await one<{ n: number }>(
              db,
              "SELECT COUNT(*) AS n FROM audit_log WHERE entityId = ? AND action = 'status'",
              [c],
            )
          ).n,
        ) - 1,
      events: Number((await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM outbox_events')).n),
      eventsUndelivered: Number(
        (await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM outbox_events WHERE deliveredAt IS NULL')).n,
      ),
      webhookEventsReceived: new Set(receiver.received.map((r) => r.event)).size,
      webhookRawDuplicates: receiver.received.length - new Set(receiver.received.map((r) => r.delivery)).size,
      webhookEffectiveDuplicates:
        new Set(receiver.received.map((r) => r.delivery)).size -
        new Set(receiver.received.map((r) => r.event)).size,
      scanPeriods: Number(
        (await one<{ n: number }>(db, 'SELECT COUNT(DISTINCT period) AS n FROM scan_runs')).n,
      ),
      scanRuns: Number((await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM scan_runs')).n),
      scanRunsUnfinished: Number(
        (await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM scan_runs WHERE finishedAt IS NULL')).n,
      ),
      failedBeforeSignal: outcomes.filter(
        (o) => o.connectedAt !== null && o.connectedAt < signalAt && (o.status === 0 || o.status >= 500),
      ).length,
      serverErrors: outcomes.filter((o) => o.status >= 500).length,
      stalledJobs: stalled.length,
      jobsLeft: Object.values(await queue.getJobCounts('wait', 'active', 'delayed')).reduce(
        (x, y) => x + y,
        0,
      ),
    };
    await db.end();
    console.log('');
    for (const [name, value] of Object.entries(counts)) console.log(`${name.padEnd(28)} ${value}`);
    const problems = [
      counts.householdsInDb !== counts.householdsAccepted && 'households lost or doubled',
      counts.paidVnd !== counts.paymentsAccepted * 75_000 && 'a payment lost or doubled',
      counts.paidVnd > 1_000_000 && 'over-payment',
      counts.committedKg !== counts.activationsAccepted * 2000 && 'a commitment lost or doubled',
      counts.committedKg > 6200 && 'over-commitment',
      counts.statusChangesInHistory !== counts.statusChangesAccepted &&
        'status history differs from accepted changes',
      counts.eventsUndelivered > 0 && 'undelivered events',
      counts.webhookEventsReceived !== counts.events && 'webhook deliveries missing',
      counts.webhookEffectiveDuplicates !== 0 && 'webhook effective duplicates',
      counts.scanRuns !== counts.scanPeriods && 'a scan period ran twice',
      counts.scanRunsUnfinished > 0 && 'unfinished scan runs',
      counts.failedBeforeSignal > 0 && 'requests accepted before SIGTERM failed',
      counts.serverErrors > 0 && 'server errors',
      counts.stalledJobs > 0 && 'stalled jobs',
      counts.jobsLeft > 0 && 'jobs left on the queue',
    ].filter(Boolean);
    console.log(problems.length ? `\nscale: FAIL — ${problems.join('; ')}` : '\nscale: PASS');
    return problems.length ? 1 : 0;
  } finally {
    await queueEvents?.close().catch(() => undefined);
    if (queue) await queue.obliterate({ force: true }).catch(() => undefined);
    await queue?.close().catch(() => undefined);
    for (const w of workers) await w.stop().catch(() => undefined);
    for (const a of apis) await a.stop().catch(() => undefined);
    await receiver.stop();
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`scale: ERROR ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
