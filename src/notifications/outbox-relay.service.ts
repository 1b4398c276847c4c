import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource, In, IsNull } from 'typeorm';
import type { Env } from '../config/env';
import { WebhookSender } from '../webhooks/webhook-sender.service';
import { NotificationDispatcher } from './notification-dispatcher.service';

const BATCH = 200;
const INTERVAL_MS = 500;

/**
 * Moves unpublished outbox events to their recipients. A batch is claimed, delivered and marked in
 * one transaction, so an event is either delivered and marked or neither: nothing is lost when the
 * process dies, and a retried batch delivers nothing twice (the notifications' unique key). On
 * MySQL/MariaDB the claim skips rows another relay holds (FOR UPDATE SKIP LOCKED), so several
 * processes may relay at once; SQLite has a single writer.
 *
 * This is the embedded default's inline queue; with Redis the notifications issue puts BullMQ
 * between the claim and the delivery.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: NotificationDispatcher,
    private readonly webhooks: WebhookSender,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** The API relays too unless WORKER=off; the worker process always does (it calls start). */
  onApplicationBootstrap(): void {
    if (this.config.get('WORKER', { infer: true }) !== 'off') this.start();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Relays until nothing is left; answers how many events it published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.drain().then(async (n) => n + (await this.webhooks.sendDue()));
    try {
      await this.running;
    } catch (error) {
      this.logger.error(`relay failed: ${(error as Error).message}`, (error as Error).stack);
    } finally {
      this.running = undefined;
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const qb = em
        .createQueryBuilder(OutboxEvent, 'e')
        .where('e.publishedAt IS NULL')
        .orderBy('e.occurredAt', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .take(BATCH);
      if (this.dataSource.options.type === 'mysql')
        qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      const events = await qb.getMany();
      if (!events.length) return 0;
      await this.dispatcher.dispatch(em, events);
      await this.webhooks.enqueue(em, events);
      await em.update(
        OutboxEvent,
        { id: In(events.map((e) => e.id)), publishedAt: IsNull() },
        { publishedAt: new Date() },
      );
      return events.length;
    });
  }
}
