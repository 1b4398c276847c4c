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
    const row = {
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload ?? {},
      publishedAt: null,
    };
    // simple-json payloads are opaque to TypeORM's deep-partial typing.
    await em.insert(OutboxEvent, row as QueryDeepPartialEntity<OutboxEvent>);
  }
}
