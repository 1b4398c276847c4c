import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { timeOrderedUuid } from './time-ordered-uuid';

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

  /**
   * Many events in multi-row inserts (bulk imports), written as plain SQL: TypeORM's insert builder
   * spent more CPU on 500 rows' parameters than the database spent storing them. occurredAt takes
   * the column's default, as it does through TypeORM; ids are time-ordered UUIDs (timeOrderedUuid).
   */
  async recordMany(em: EntityManager, events: DomainEvent[]): Promise<void> {
    const driver = em.connection.driver;
    const { tablePath, columns } = em.connection.getMetadata(OutboxEvent);
    const names = ['id', 'type', 'aggregateType', 'aggregateId', 'payload'].map((property) =>
      driver.escape(columns.find((c) => c.propertyName === property)!.databaseName),
    );
    const head = `INSERT INTO ${driver.escape(tablePath)} (${names.join(', ')}) VALUES `;
    for (let i = 0; i < events.length; i += 1000) {
      const slice = events.slice(i, i + 1000);
      const params: unknown[] = [];
      for (const event of slice) {
        params.push(
          timeOrderedUuid(),
          event.type,
          event.aggregateType,
          event.aggregateId,
          JSON.stringify(event.payload ?? {}),
        );
      }
      await em.query(head + slice.map(() => '(?, ?, ?, ?, ?)').join(', '), params);
    }
  }
}
