import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, Repository } from 'typeorm';
import { PinoLoggerService } from '../src/logging/pino-logger.service';
import { queueConnection } from '../src/queue/queue-connection';
import { ScanRun } from '../src/scans/scan-run.entity';
import { periodOf, ScanRuns, STALE_AFTER_MS } from '../src/scans/scan-runs.service';
import { SCANS_QUEUE, ScanScheduler } from '../src/scans/scan-scheduler.service';
import { createTestApp } from './support/app';

const INTERVAL_MS = 1000;
// A queue of this file's own, so neither other specs nor other runs share its scheduler.
const prefix = `lktest-${process.env.LIENKET_TEST_RUN ?? 'x'}-scans-${process.pid}-${Date.now() % 1e6}`;
// Nothing is due, expiring, harvested or lagging in 2001: the guard tests announce nothing.
const QUIET_DAY = '2001-01-01';

let app: INestApplication;
let scanRuns: Repository<ScanRun>;
beforeAll(async () => {
  app = await createTestApp({ SCAN_INTERVAL_SECONDS: String(INTERVAL_MS / 1000), QUEUE_PREFIX: prefix });
  scanRuns = app.get(DataSource).getRepository(ScanRun);
});
afterAll(() => app.close());

const uniquePeriod = () => `test-${randomUUID().slice(0, 8)}`;

describe('the period guard (scan_runs)', () => {
  it('lets one of three concurrent runs of a period scan; the others skip', async () => {
    const period = uniquePeriod();
    const runs = app.get(ScanRuns);
    const outcomes = await Promise.all([1, 2, 3].map(() => runs.runOnce('all', period, QUIET_DAY)));
    expect(outcomes.filter((o) => o.skipped)).toHaveLength(2);
    expect(outcomes.find((o) => !o.skipped)).toMatchObject({ result: { today: QUIET_DAY } });
    const rows = await scanRuns.findBy({ period });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      scan: 'all',
      result: { today: QUIET_DAY },
      runBy: expect.stringMatching(/:\d+$/),
    });
    expect(rows[0].finishedAt).toBeInstanceOf(Date);
  });

  it('takes over a period left unfinished longer than the stale limit, not a younger one', async () => {
    const [stale, young] = [uniquePeriod(), uniquePeriod()];
    await scanRuns.insert([
      {
        scan: 'capacity',
        period: stale,
        startedAt: new Date(Date.now() - STALE_AFTER_MS - 60_000),
        runBy: 'gone:1',
      },
      { scan: 'capacity', period: young, startedAt: new Date(Date.now() - 60_000), runBy: 'busy:1' },
    ]);
    const runs = app.get(ScanRuns);
    expect(await runs.runOnce('capacity', stale, QUIET_DAY)).toMatchObject({ skipped: false });
    expect(await runs.runOnce('capacity', young, QUIET_DAY)).toEqual({ skipped: true });
    const taken = await scanRuns.findOneByOrFail({ scan: 'capacity', period: stale });
    expect(taken.runBy).not.toBe('gone:1');
    expect(taken.finishedAt).toBeInstanceOf(Date);
    expect((await scanRuns.findOneByOrFail({ scan: 'capacity', period: young })).finishedAt).toBeNull();
  });
});

const redisUrl = process.env.REDIS_URL;

// BullMQ needs Redis: the SQLite run (no REDIS_URL) has timers only, covered by the unit spec.
(redisUrl ? describe : describe.skip)('with Redis: the BullMQ job scheduler', () => {
  afterAll(async () => {
    const queue = new Queue(SCANS_QUEUE, { connection: queueConnection(redisUrl!), prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** What src/worker.ts starts, on this file's database and queue prefix. */
  async function workerProcess(): Promise<INestApplicationContext> {
    const { WorkerModule } = await import('../src/worker.module');
    const context = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    context.useLogger(PinoLoggerService.create(process.env.LOG_LEVEL ?? 'silent'));
    await context.init();
    context.get(ScanScheduler).start();
    return context;
  }

  it('runs each period once across three workers, and finishes the run in hand on shutdown', async () => {
    const since = Date.now();
    const workers = await Promise.all([1, 2, 3].map(() => workerProcess()));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await Promise.all(workers.map((w) => w.close()));

    const rows = await scanRuns.find({
      where: {
        scan: 'all',
        period: Between(periodOf(since, INTERVAL_MS), periodOf(Date.now(), INTERVAL_MS)),
      },
      order: { period: 'ASC' },
    });
    // One scheduler however many workers upsert it: about one run a second, not three.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.filter((r) => !r.finishedAt)).toEqual([]);

    const queue = new Queue(SCANS_QUEUE, { connection: queueConnection(redisUrl!), prefix });
    try {
      const jobs = await queue.getJobs(['completed', 'failed']);
      expect(jobs.filter((j) => j.failedReason)).toEqual([]);
      // Each job ran its own period: none of them found its period taken.
      expect(jobs.map((j) => j.returnvalue)).toEqual(
        jobs.map(() => expect.objectContaining({ skipped: false })),
      );
      expect(jobs).toHaveLength(rows.length);
      // The worker process scans facilities as well as codes (their module registers the scan).
      expect(jobs[0].returnvalue.result.inspections.map((s: { scan: string }) => s.scan)).toContain(
        'packing-facility:overdue',
      );
    } finally {
      await queue.close();
    }
  });
});
