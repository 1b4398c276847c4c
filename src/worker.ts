import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { envOrExit } from './config/env';
import { refuseUnfitRedis } from './config/redis-policy';
import { PinoLoggerService } from './logging/pino-logger.service';
import { OutboxRelay } from './notifications/outbox-relay.service';
import { ScanScheduler } from './scans/scan-scheduler.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = envOrExit();
  await refuseUnfitRedis(env);
  const logger = PinoLoggerService.create(env.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  app.get(OutboxRelay).start();
  app.get(ScanScheduler).start();
  logger.log(`Liên Kết worker started — queue: ${env.REDIS_URL ? 'Redis' : 'inline'}`, 'Bootstrap');
}

void bootstrap();
