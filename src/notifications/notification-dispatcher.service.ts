import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { bulkInsert } from '../database/bulk-insert';
import { eventText } from './event-texts';
import { Notification, NotificationPreference } from './notification.entity';
import { recipientsOf } from './recipients';

/**
 * Turns domain events into in-app notifications: routes each event, drops the people who switched
 * that event type off, and inserts one row per (event, person) — the unique key makes a repeated
 * delivery insert nothing. (Webhooks are queued next to it by the relay; e-mail comes later.)
 */
@Injectable()
export class NotificationDispatcher {
  async dispatch(em: EntityManager, events: OutboxEvent[]): Promise<number> {
    const routed: Array<{ event: OutboxEvent; recipients: string[] }> = [];
    for (const event of events) routed.push({ event, recipients: await recipientsOf(em, event) });
    const everyone = [...new Set(routed.flatMap((r) => r.recipients))];
    if (!everyone.length) return 0;
    // One query for the whole batch: who switched which event type off in the inbox.
    const switchedOff = new Set(
      (
        await em.find(NotificationPreference, {
          where: {
            userId: In(everyone),
            eventType: In([...new Set(events.map((e) => e.type))]),
            channel: 'in-app',
            enabled: false,
          },
          select: { userId: true, eventType: true },
        })
      ).map((p) => `${p.userId}|${p.eventType}`),
    );
    const rows = routed.flatMap(({ event, recipients }) => {
      const { title, body } = eventText(event.type, event.payload ?? {});
      return recipients
        .filter((userId) => !switchedOff.has(`${userId}|${event.type}`))
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
    return rows.length;
  }
}
