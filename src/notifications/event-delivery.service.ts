import { Injectable } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { freshReads } from '../database/fresh-reads';
import { WebhookSender } from '../webhooks/webhook-sender.service';
import { NotificationDispatcher } from './notification-dispatcher.service';

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
    await this.dispatcher.dispatch(em, events);
    await this.webhooks.enqueue(em, events);
    await em.update(
      OutboxEvent,
      { id: In(events.map((e) => e.id)), deliveredAt: IsNull() },
      { deliveredAt: new Date() },
    );
  }

  /** A queued job: delivers those of the events that are not delivered yet; answers how many. */
  deliver(eventIds: string[]): Promise<number> {
    return this.dataSource.transaction(freshReads(this.dataSource), async (em) => {
      const qb = em
        .createQueryBuilder(OutboxEvent, 'e')
        .where('e.id IN (:...eventIds)', { eventIds })
        .andWhere('e.deliveredAt IS NULL')
        .orderBy('e.occurredAt', 'ASC')
        .addOrderBy('e.id', 'ASC');
      // A second job with the same events waits here, then finds them delivered.
      if (this.dataSource.options.type === 'mysql') qb.setLock('pessimistic_write');
      const events = await qb.getMany();
      if (events.length) await this.deliverIn(em, events);
      return events.length;
    });
  }
}
