import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { datetimeColumn } from '../migration-columns';

/**
 * Publishing an event (to the queue) and delivering it become two steps: deliveredAt, and the index
 * the sweeper reads to find events published long ago but never delivered.
 */
export class OutboxDelivery1764720000000 implements MigrationInterface {
  name = 'OutboxDelivery1764720000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('outbox_events', new TableColumn(datetimeColumn('deliveredAt', true)));
    // Until now the relay delivered in the transaction that published.
    await qr.query('UPDATE outbox_events SET deliveredAt = publishedAt WHERE publishedAt IS NOT NULL');
    await qr.createIndex(
      'outbox_events',
      new TableIndex({ name: 'IDX_outbox_events_undelivered', columnNames: ['deliveredAt', 'publishedAt'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('outbox_events', 'IDX_outbox_events_undelivered');
    await qr.dropColumn('outbox_events', 'deliveredAt');
  }
}
