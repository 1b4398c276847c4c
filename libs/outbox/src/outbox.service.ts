import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxEvent } from './outbox-event.entity';

export interface DomainEvent {
  /** SPEC §4 event type, e.g. `household.registered`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload?: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  /** Takes the caller's transaction manager: the event commits or rolls back with the change. */
  async record(em: EntityManager, event: DomainEvent): Promise<void> {
    await this.recordMany(em, [event]);
  }

  /** Many events in multi-row inserts (bulk imports). */
  async recordMany(em: EntityManager, events: DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 500) {
      const rows = events.slice(i, i + 500).map((event) => ({
        type: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        payload: event.payload ?? {},
        publishedAt: null,
      }));
      // No read-back of defaults (occurredAt) after the insert; simple-json payloads are opaque to
      // TypeORM's deep-partial typing.
      await em
        .createQueryBuilder()
        .insert()
        .into(OutboxEvent)
        .values(rows as QueryDeepPartialEntity<OutboxEvent>[])
        .updateEntity(false)
        .execute();
    }
  }
}
