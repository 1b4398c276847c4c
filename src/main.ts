import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { envOrExit } from './config/env';
import { refuseUnfitRedis } from './config/redis-policy';
import { closeGracefully } from './graceful-shutdown';
import { PinoLoggerService } from './logging/pino-logger.service';

async function bootstrap(): Promise<void> {
  const env = envOrExit();
  await refuseUnfitRedis(env);
  const logger = PinoLoggerService.create(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger });
  configureApp(app, logger);
  await app.listen(env.PORT, env.HOST);
  closeGracefully(app, logger);
  logger.log(
    `Liên Kết listening on http://localhost:${env.PORT} (API /api/v1, docs /docs) — database: ${
      env.DATABASE_URL ? 'MySQL' : `SQLite ${env.SQLITE_PATH}`
    }, queue: ${env.REDIS_URL ? 'Redis' : 'inline'}`,
    'Bootstrap',
  );
}

void bootstrap();
