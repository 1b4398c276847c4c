import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OutboxEvent } from '@lienket/outbox';
import { Queue, Worker } from 'bullmq';
import type { Env } from '../config/env';
import { queueConnection } from '../queue/queue-connection';
import { EventDelivery } from './event-delivery.service';

export const NOTIFY_QUEUE = 'notify';
/**
 * Events per job: large enough to deliver in few transactions (a job costs 7 round trips however
 * many events it holds), small enough to spread a backlog over the workers. bench:notify measured
 * 50, 100 and 200: 100 delivers about as fast as 200 and holds half as many row locks.
 */
const EVENTS_PER_JOB = 100;
const CONCURRENCY = 4;

interface DeliverJob {
  eventIds: string[];
}

/**
 * The BullMQ queue between the relay and delivery (with Redis; the embedded default delivers
 * inline). Jobs carry event ids only: the outbox row stays the truth, so a job lost with Redis is
 * made again by the sweeper, and a job run twice delivers nothing twice.
 */
@Injectable()
export class NotifyQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(NotifyQueue.name);
  private readonly options?: { connection: ReturnType<typeof queueConnection>; prefix: string };
  private queue?: Queue<DeliverJob>;
  private worker?: Worker<DeliverJob, number>;

  constructor(
    private readonly delivery: EventDelivery,
    config: ConfigService<Env, true>,
  ) {
    const url = config.get('REDIS_URL', { infer: true });
    if (url) {
      this.options = {
        connection: queueConnection(url),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
      };
    }
  }

  get enabled(): boolean {
    return this.options !== undefined;
  }

  async publish(events: Array<Pick<OutboxEvent, 'id'>>): Promise<void> {
    const jobs = [];
    for (let i = 0; i < events.length; i += EVENTS_PER_JOB) {
      const eventIds = events.slice(i, i + EVENTS_PER_JOB).map((e) => e.id);
      jobs.push({ name: 'deliver', data: { eventIds } });
    }
    await this.producer().addBulk(jobs);
  }

  /** Runs the delivery worker in this process (the worker process, and the API unless WORKER=off). */
  startWorker(): void {
    this.worker ??= this.createWorker(CONCURRENCY);
  }

  /**
   * Delivers everything waiting in the queue and returns when it is empty — for tests and the
   * admin's drain, which run with WORKER=off. Uses this process's worker, or a short-lived one.
   */
  async processWaiting(): Promise<void> {
    const worker = this.worker ?? this.createWorker(CONCURRENCY);
    try {
      for (;;) {
        const counts = await this.producer().getJobCounts('wait', 'active', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      if (worker !== this.worker) await worker.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // close() lets the job in hand finish; an interrupted one is taken up again as stalled.
    await this.worker?.close();
    await this.queue?.close();
  }

  private producer(): Queue<DeliverJob> {
    if (!this.options) throw new Error('NotifyQueue used without REDIS_URL');
    this.queue ??= new Queue<DeliverJob>(NOTIFY_QUEUE, {
      ...this.options,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    return this.queue;
  }

  private createWorker(concurrency: number): Worker<DeliverJob, number> {
    if (!this.options) throw new Error('NotifyQueue used without REDIS_URL');
    const worker = new Worker<DeliverJob, number>(
      NOTIFY_QUEUE,
      (job) => this.delivery.deliver(job.data.eventIds),
      { ...this.options, concurrency, lockDuration: 15_000, stalledInterval: 15_000 },
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(`delivery job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    worker.on('error', (error) => this.logger.error(`delivery worker: ${error.message}`));
    return worker;
  }
}
