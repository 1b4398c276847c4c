import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConnectionOptions, Job, Queue, Worker } from 'bullmq';
import type { Env } from '../config/env';
import { queueConnection } from '../queue/queue-connection';
import { periodOf, ScanRunOutcome, ScanRuns } from './scan-runs.service';

export const SCANS_QUEUE = 'scans';
export const SCAN_SCHEDULER_ID = 'periodic-scans';
const FIRST_RUN_MS = 10_000;

type ScanJob = Job<Record<string, never>, ScanRunOutcome<'all'>>;

/**
 * The period a scheduler job stands for: BullMQ names each iteration's job
 * `repeat:<scheduler>:<due millis>`. Not job.timestamp, which is when the job was made (as the
 * previous iteration started), nor timestamp + delay: the delay is zeroed when the job comes due.
 */
export function periodOfJob(job: Pick<Job, 'id'>, intervalMs: number): string {
  const due = Number(job.id?.slice(job.id.lastIndexOf(':') + 1));
  if (!job.id?.startsWith('repeat:') || !Number.isInteger(due)) {
    throw new Error(`Job ${job.id} is not a job scheduler's iteration`);
  }
  return periodOf(due, intervalMs);
}

/**
 * Runs every scan once per SCAN_INTERVAL_SECONDS period, in the processes that do background work
 * (the API unless WORKER=off, and the worker). With Redis, a BullMQ job scheduler makes one job per
 * period and one of the workers takes it. Without (the embedded default), each process keeps its
 * own timers. Both go through ScanRuns, so a period runs once however many processes, restarts or
 * replayed jobs ask for it.
 */
@Injectable()
export class ScanScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScanScheduler.name);
  private readonly intervalMs: number;
  private readonly queueOptions?: { connection: ConnectionOptions; prefix: string };
  private started = false;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;
  private scheduling?: Promise<void>;
  private queue?: Queue;
  private worker?: Worker<Record<string, never>, ScanRunOutcome<'all'>>;

  constructor(
    private readonly runs: ScanRuns,
    private readonly config: ConfigService<Env, true>,
  ) {
    this.intervalMs = config.get('SCAN_INTERVAL_SECONDS', { infer: true }) * 1000;
    const url = config.get('REDIS_URL', { infer: true });
    if (url) {
      this.queueOptions = {
        connection: queueConnection(url),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
      };
    }
  }

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER', { infer: true }) !== 'off') this.start();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.queueOptions) this.scheduling = this.schedule(this.queueOptions);
    else this.startTimers();
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    // close() waits for the job in hand. One cut short (the process killed) is retaken as stalled;
    // ScanRuns lets it run again only once its row is stale.
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all([this.scheduling, this.running]);
  }

  private async schedule(options: { connection: ConnectionOptions; prefix: string }): Promise<void> {
    // Queue and Worker each open their own connection from the options.
    this.queue = new Queue(SCANS_QUEUE, options);
    this.worker = new Worker(
      SCANS_QUEUE,
      (job: ScanJob) => this.runPeriod(periodOfJob(job, this.intervalMs)),
      options,
    );
    this.worker.on('failed', (job, error) =>
      this.logger.error(`periodic scans job ${job?.id} failed: ${error.message}`, error.stack),
    );
    this.worker.on('error', (error) => this.logger.error(`periodic scans worker: ${error.message}`));
    try {
      // Every process upserts the same scheduler: the schedule, and its next due time, stay as they are.
      await this.queue.upsertJobScheduler(
        SCAN_SCHEDULER_ID,
        { every: this.intervalMs },
        {
          name: 'all',
          opts: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 30_000 },
            removeOnComplete: { count: 100 },
            removeOnFail: { count: 100 },
          },
        },
      );
    } catch (error) {
      this.logger.error(`periodic scans not scheduled: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  private startTimers(): void {
    const tick = () => this.tick();
    this.timers = [setTimeout(tick, FIRST_RUN_MS), setInterval(tick, this.intervalMs)];
    this.timers.forEach((t) => t.unref());
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runPeriod(periodOf(Date.now(), this.intervalMs))
      .catch((error: Error) => this.logger.error(`periodic scans failed: ${error.message}`, error.stack))
      .finally(() => (this.running = undefined));
  }

  private async runPeriod(period: string): Promise<ScanRunOutcome<'all'>> {
    const outcome = await this.runs.runOnce('all', period);
    if (outcome.skipped) this.logger.debug(`periodic scans of ${period} already run`);
    else this.logger.log({ msg: 'periodic scans done', period, ...outcome.result });
    return outcome;
  }
}
