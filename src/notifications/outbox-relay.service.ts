import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource, IsNull, LessThan, MoreThanOrEqual } from 'typeorm';
import type { Env } from '../config/env';
import { freshReads } from '../database/fresh-reads';
import { EmailSender } from '../email/email-sender.service';
import { WebhookSender } from '../webhooks/webhook-sender.service';
import { EVENT_COLUMNS, EventDelivery } from './event-delivery.service';
import { NotifyQueue } from './notify-queue';
import { hydrate, isMysql, persisted, placeholders } from './sql-rows';

/** Events per claim: 10 jobs; fewer, larger claims relay a backlog faster (500 capped it near 8,000/s). */
const BATCH = 1000;
/** The poll: a tenth of a second between an event's commit and its relay at most, one cheap read when idle. */
const INTERVAL_MS = 100;

/**
 * Moves unpublished outbox events on. A batch is claimed and marked published in one transaction;
 * on MySQL/MariaDB the claim skips rows another relay holds (FOR UPDATE SKIP LOCKED), so several
 * processes may relay at once (SQLite has a single writer).
 * - With Redis the batch goes to BullMQ (addBulk) before the mark commits: a crash between the two
 *   leaves the events unpublished, to be published again, and delivery is idempotent. A sweeper publishes
 *   again what was published but not delivered after OUTBOX_SWEEP_AFTER_SECONDS (a Redis that
 *   restarted empty, a job that failed for good).
 * - On the embedded default the same transaction delivers the batch inline.
 * Each tick also sends the webhook and e-mail deliveries that are due.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sweepAfterMs: number;
  private readonly crashAfterEnqueue: boolean;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: EventDelivery,
    private readonly queue: NotifyQueue,
    private readonly webhooks: WebhookSender,
    private readonly email: EmailSender,
    private readonly config: ConfigService<Env, true>,
  ) {
    this.sweepAfterMs = config.get('OUTBOX_SWEEP_AFTER_SECONDS', { infer: true }) * 1000;
    this.crashAfterEnqueue = config.get('FAULT_INJECTION', { infer: true }) === 'relay-crash-after-enqueue';
  }

  /** The API relays too unless WORKER=off; the worker process always does (it calls start). */
  onApplicationBootstrap(): void {
    if (this.config.get('WORKER', { infer: true }) !== 'off') this.start();
  }

  start(): void {
    if (this.timer) return;
    if (this.queue.enabled) this.queue.startWorker();
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Publishes until nothing is left and, with the queue, waits until it is delivered; answers how many.
   * Another process's relay may have claimed some of the events just before (processes sharing a
   * database, as test files do): those are waited for too, up to `othersMs`, by whoever delivers them.
   */
  async drain(othersMs = 5_000): Promise<number> {
    const started = Date.now();
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < BATCH) break;
    }
    if (!this.queue.enabled) return total;
    await this.queue.processWaiting();
    const claimedSince = new Date(started - othersMs);
    while (Date.now() - started < othersMs && (await this.undeliveredSince(claimedSince))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return total;
  }

  private async undeliveredSince(since: Date): Promise<boolean> {
    return this.dataSource.getRepository(OutboxEvent).exists({
      where: { deliveredAt: IsNull(), publishedAt: MoreThanOrEqual(since) },
    });
  }

  /** Publishes again what was published but not delivered in time; answers how many. */
  async sweep(now = new Date()): Promise<number> {
    if (!this.queue.enabled) return 0;
    const result = await this.dataSource.transaction(freshReads(this.dataSource), (em) =>
      em.update(
        OutboxEvent,
        { deliveredAt: IsNull(), publishedAt: LessThan(new Date(now.getTime() - this.sweepAfterMs)) },
        { publishedAt: null },
      ),
    );
    const swept = result.affected ?? 0;
    if (swept)
      this.logger.warn(`${swept} published events were not delivered in time: publishing them again`);
    return swept;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.work();
    try {
      await this.running;
    } catch (error) {
      this.logger.error(`relay failed: ${(error as Error).message}`, (error as Error).stack);
    } finally {
      this.running = undefined;
    }
  }

  private async work(): Promise<void> {
    if (Date.now() - this.lastSweep > this.sweepAfterMs / 4) {
      this.lastSweep = Date.now();
      await this.sweep();
    }
    if (await this.anyUnpublished()) for (;;) if ((await this.relayBatch()) < BATCH) break;
    await this.webhooks.sendDue();
    await this.email.sendDue();
  }

  /** A plain read, outside any transaction: an idle poll costs one indexed lookup. */
  private async anyUnpublished(): Promise<boolean> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM outbox_events WHERE publishedAt IS NULL LIMIT 1',
    )) as unknown[];
    return rows.length > 0;
  }

  private relayBatch(): Promise<number> {
    // READ COMMITTED: the claim locks the rows it takes, not the gaps new events are inserted into.
    return this.dataSource.transaction(freshReads(this.dataSource), async (em) => {
      const mysql = isMysql(em);
      // The queue needs ids only; the inline path delivers the events themselves.
      const rows = (await em.query(
        `SELECT ${this.queue.enabled ? 'id' : EVENT_COLUMNS} FROM outbox_events WHERE publishedAt IS NULL
          ORDER BY occurredAt, id LIMIT ?${mysql ? ' FOR UPDATE SKIP LOCKED' : ''}`,
        [BATCH],
      )) as Array<Record<string, unknown>>;
      if (!rows.length) return 0;
      const events = hydrate(em, OutboxEvent, rows);
      const ids = events.map((e) => e.id);
      // Marked first, committed last: the mark counts only once the batch is on the queue, and a
      // delivery job waiting on these rows' locks waits only for the enqueue and the commit.
      await em.query(
        `UPDATE outbox_events SET publishedAt = ? WHERE id IN (${placeholders(ids.length)}) AND publishedAt IS NULL`,
        [persisted(em, OutboxEvent, 'publishedAt', new Date()), ...ids],
      );
      if (this.queue.enabled) {
        await this.queue.publish(events);
        if (this.crashAfterEnqueue) process.kill(process.pid, 'SIGKILL');
      } else {
        await this.delivery.deliverIn(em, events);
      }
      return events.length;
    });
  }
}
