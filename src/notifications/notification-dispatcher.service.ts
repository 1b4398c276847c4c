import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EmailChannel } from '../email/email-channel.service';
import { eventText } from './event-texts';
import { Notification } from './notification.entity';
import { Audience, audienceOfEach } from './recipients';
import { insertRows } from './sql-rows';

/**
 * Turns domain events into in-app notifications and queued e-mails: routes each event, drops the
 * people who switched that event type off for the channel, and inserts one row per (event, person)
 * and channel — the unique keys make a repeated delivery insert nothing. (Webhooks are queued next
 * to it by the relay.)
 */
@Injectable()
export class NotificationDispatcher {
  constructor(private readonly email: EmailChannel) {}

  /**
   * Answers how many in-app notifications it handed to the inbox. `audiences`: audienceOfEach's
   * answer for these events, when the caller read it already.
   */
  async dispatch(em: EntityManager, events: OutboxEvent[], audiences?: Audience[]): Promise<number> {
    const audienceOf = audiences ?? (await audienceOfEach(em, events)).audiences;
    const rows = events.flatMap((event, i) => {
      const { title, body } = eventText(event.type, event.payload ?? {});
      const data = event.payload ?? {};
      return [...audienceOf[i]]
        .filter(([, off]) => !off.includes('in-app'))
        .map(([userId]) => ({
          id: randomUUID(),
          userId,
          eventId: event.id,
          type: event.type,
          title,
          body,
          entityType: event.aggregateType,
          entityId: event.aggregateId,
          data,
          readAt: null,
        }));
    });
    await insertRows(em, Notification, rows, { orIgnore: true });
    await this.email.enqueue(
      em,
      events.map((event, i) => ({ event, audience: audienceOf[i] })),
    );
    return rows.length;
  }
}
