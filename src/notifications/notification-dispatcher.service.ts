import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { bulkInsert } from '../database/bulk-insert';
import { EmailChannel } from '../email/email-channel.service';
import { eventText } from './event-texts';
import { Notification } from './notification.entity';
import { recipientsOfEach } from './recipients';
import { switchedOff } from './switched-off';

/**
 * Turns domain events into in-app notifications and queued e-mails: routes each event, drops the
 * people who switched that event type off for the channel, and inserts one row per (event, person)
 * and channel — the unique keys make a repeated delivery insert nothing. (Webhooks are queued next
 * to it by the relay.)
 */
@Injectable()
export class NotificationDispatcher {
  constructor(private readonly email: EmailChannel) {}

  /** Answers how many in-app notifications it handed to the inbox. */
  async dispatch(em: EntityManager, events: OutboxEvent[]): Promise<number> {
    const recipients = await recipientsOfEach(em, events);
    const routed = events.map((event, i) => ({ event, recipients: recipients[i] }));
    const everyone = [...new Set(routed.flatMap((r) => r.recipients))];
    if (!everyone.length) return 0;
    const isOff = await switchedOff(
      em,
      'in-app',
      everyone,
      events.map((e) => e.type),
    );
    const rows = routed.flatMap(({ event, recipients }) => {
      const { title, body } = eventText(event.type, event.payload ?? {});
      return recipients
        .filter((userId) => !isOff(userId, event.type))
        .map((userId) => ({
          id: randomUUID(),
          userId,
          eventId: event.id,
          type: event.type,
          title,
          body,
          entityType: event.aggregateType,
          entityId: event.aggregateId,
          data: event.payload ?? {},
          readAt: null,
        }));
    });
    // simple-json data is opaque to TypeORM's deep-partial typing.
    await bulkInsert(em, Notification, rows as QueryDeepPartialEntity<Notification>[], { orIgnore: true });
    await this.email.enqueue(em, routed);
    return rows.length;
  }
}
