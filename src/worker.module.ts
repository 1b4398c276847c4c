import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';

/**
 * The background process: same configuration, database and Redis as the API, no HTTP.
 * Queue processors and periodic scans register here (notifications issue #7).
 */
@Module({
  imports: [AppConfigModule, DatabaseModule, RedisModule],
})
export class WorkerModule {}
