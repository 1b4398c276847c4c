import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** A person's notifications about one record (GET /notifications?entityId=), newest first, from one index range. */
export class NotificationsByEntity1765238400000 implements MigrationInterface {
  name = 'NotificationsByEntity1765238400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'notifications',
      new TableIndex({
        name: 'IDX_notifications_user_entity',
        columnNames: ['userId', 'entityId', 'createdAt'],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('notifications', 'IDX_notifications_user_entity');
  }
}
