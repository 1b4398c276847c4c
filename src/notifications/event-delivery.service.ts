import { Injectable } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource, EntityManager } from 'typeorm';
import { freshReads } from '../database/fresh-reads';
import { WebhookSender } from '../webhooks/webhook-sender.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { audienceOfEach } from './recipients';
import { hydrate, isMysql, persisted, placeholders } from './sql-rows';

/** The outbox columns delivery reads (not publishedAt/deliveredAt). */
export const EVENT_COLUMNS = 'id, type, aggregateType, aggregateId, payload, occurredAt';

/**
 * Delivers events to every channel and marks them delivered, in one transaction: either the inbox
 * rows, e-mails and webhook deliveries are written and the event is marked, or none of it. Each
 * channel's rows carry an (event, recipient) unique key, so delivering an event twice — a job run
 * again after a crash, or queued twice by the sweeper — writes nothing the second time.
 */
@Injectable()
export class EventDelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: NotificationDispatcher,
    private readonly webhooks: WebhookSender,
  ) {}

  /** Inside the caller's transaction (the inline relay delivers in the transaction that claims). */
  async deliverIn(em: EntityManager, events: OutboxEvent[]): Promise<void> {
    const { audiences, alongside } = await audienceOfEach(em, events, WebhookSender.ACTIVE);
    await this.dispatcher.dispatch(em, events, audiences);
    await this.webhooks.enqueue(em, events, alongside);
    const ids = events.map((e) => e.id);
    await em.query(
      `UPDATE outbox_events SET deliveredAt = ? WHERE id IN (${placeholders(ids.length)}) AND deliveredAt IS NULL`,
      [persisted(em, OutboxEvent, 'deliveredAt', new Date()), ...ids],
    );
  }

  /** A queued job: delivers those of the events that are not delivered yet; answers how many. */
  deliver(eventIds: string[]): Promise<number> {
    return this.dataSource.transaction(freshReads(this.dataSource), async (em) => {
      // A second job with the same events waits here (MySQL), then finds them delivered.
      const rows = (await em.query(
        `SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE id IN (${placeholders(eventIds.length)})
           AND deliveredAt IS NULL ORDER BY occurredAt, id${isMysql(em) ? ' FOR UPDATE' : ''}`,
        eventIds,
      )) as Array<Record<string, unknown>>;
      const events = hydrate(em, OutboxEvent, rows);
      if (events.length) await this.deliverIn(em, events);
      return events.length;
    });
  }
}
