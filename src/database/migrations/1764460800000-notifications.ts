import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  booleanColumn,
  createdAtColumn,
  datetimeColumn,
  integerColumn,
  jsonTextColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
} from '../migration-columns';

/** The in-app inbox, each person's channel choices, and the webhooks with their deliveries. */
export class Notifications1764460800000 implements MigrationInterface {
  name = 'Notifications1764460800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'notifications',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('userId'),
          uuidColumn('eventId'),
          varcharColumn('type', 64),
          varcharColumn('title', 200),
          varcharColumn('body', 1000),
          varcharColumn('entityType', 32),
          varcharColumn('entityId', 64),
          jsonTextColumn('data'),
          createdAtColumn(qr),
          datetimeColumn('readAt', true),
        ],
        indices: [
          { name: 'UQ_notifications_event_user', columnNames: ['eventId', 'userId'], isUnique: true },
          { name: 'IDX_notifications_inbox', columnNames: ['userId', 'readAt', 'createdAt'] },
          { name: 'IDX_notifications_user_created', columnNames: ['userId', 'createdAt'] },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [
          { ...uuidColumn('userId'), isPrimary: true },
          { ...varcharColumn('eventType', 64), isPrimary: true },
          { ...varcharColumn('channel', 10), isPrimary: true },
          booleanColumn(qr, 'enabled'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('url', 500),
          varcharColumn('secret', 200),
          jsonTextColumn('events', true),
          booleanColumn(qr, 'active', true),
          uuidColumn('createdBy'),
          createdAtColumn(qr),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('webhookId'),
          uuidColumn('eventId'),
          varcharColumn('eventType', 64),
          varcharColumn('status', 10),
          { ...integerColumn('attempts'), default: 0 },
          datetimeColumn('nextAttemptAt'),
          uuidColumn('claimedBy', true),
          varcharColumn('lastError', 500, true),
          datetimeColumn('deliveredAt', true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'UQ_webhook_deliveries_event', columnNames: ['webhookId', 'eventId'], isUnique: true },
          { name: 'IDX_webhook_deliveries_due', columnNames: ['status', 'nextAttemptAt'] },
          { name: 'IDX_webhook_deliveries_claim', columnNames: ['claimedBy'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('webhook_deliveries');
    await qr.dropTable('webhooks');
    await qr.dropTable('notification_preferences');
    await qr.dropTable('notifications');
  }
}
