import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdAtColumn,
  datetimeColumn,
  integerColumn,
  uuidColumn,
  varcharColumn,
} from '../migration-columns';

/** Idempotency-Key answers, per user and key, kept for replay until they expire. */
export class Idempotency1764806400000 implements MigrationInterface {
  name = 'Idempotency1764806400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...uuidColumn('userId'), isPrimary: true },
          { ...varcharColumn('idempotencyKey', 255), isPrimary: true },
          varcharColumn('requestHash', 64),
          integerColumn('responseStatus', true),
          { name: 'responseBody', type: 'text', isNullable: true },
          createdAtColumn(qr),
          datetimeColumn('expiresAt'),
        ],
        indices: [{ name: 'IDX_idempotency_keys_expires', columnNames: ['expiresAt'] }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('idempotency_keys');
  }
}
