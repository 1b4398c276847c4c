import { Module } from '@nestjs/common';
import { OutboxModule } from '@lienket/outbox';
import { AuditModule } from './audit/audit.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RedisModule } from './redis/redis.module';
import { ScansModule } from './scans/scans.module';

/**
 * The background process: same configuration, database and Redis as the API, no HTTP.
 * It runs the outbox relay and the periodic scans; BullMQ processors join it (notifications issue #7).
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RedisModule,
    AuditModule,
    OutboxModule,
    NotificationsModule,
    ScansModule,
  ],
})
export class WorkerModule {}
