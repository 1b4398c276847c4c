import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import {
  createdAtColumn,
  datetimeColumn,
  integerColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
} from '../migration-columns';

/**
 * The e-mail channel: each user's address and the e-mails queued for sending. Webhook deliveries
 * get the same lease column, since both channels now claim their rows the same way.
 */
export class Email1764547200000 implements MigrationInterface {
  name = 'Email1764547200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('users', new TableColumn(varcharColumn('email', 254, true)));
    await qr.addColumn('webhook_deliveries', new TableColumn(datetimeColumn('leaseUntil', true)));
    await qr.createTable(
      new Table({
        name: 'email_deliveries',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('eventId'),
          uuidColumn('userId'),
          varcharColumn('eventType', 64),
          varcharColumn('toAddress', 254),
          varcharColumn('subject', 255),
          { name: 'body', type: 'text', isNullable: false },
          varcharColumn('status', 10),
          { ...integerColumn('attempts'), default: 0 },
          datetimeColumn('nextAttemptAt'),
          uuidColumn('claimedBy', true),
          datetimeColumn('leaseUntil', true),
          varcharColumn('lastError', 500, true),
          datetimeColumn('sentAt', true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'UQ_email_deliveries_event_user', columnNames: ['eventId', 'userId'], isUnique: true },
          { name: 'IDX_email_deliveries_due', columnNames: ['status', 'nextAttemptAt'] },
          { name: 'IDX_email_deliveries_claim', columnNames: ['claimedBy'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('email_deliveries');
    await qr.dropColumn('webhook_deliveries', 'leaseUntil');
    await qr.dropColumn('users', 'email');
  }
}
