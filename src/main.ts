import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { setFlagsFromString } from 'node:v8';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { envOrExit } from './config/env';
import { refuseUnfitRedis } from './config/redis-policy';
import { closeGracefully } from './shutdown/graceful-shutdown';
import { PinoLoggerService } from './logging/pino-logger.service';
import { PrototypedExpressAdapter } from './prototyped-express.adapter';

/**
 * A full (Mark-Compact) collection holds up every request in flight for tens of milliseconds on a
 * small machine. V8 sizes the old generation to keep GC under ~3 % of CPU time, so the less a
 * server promotes, the tighter the heap and the more often it collects: every ~4 s at 545 search
 * requests/s (bench:registry). Letting the old generation grow to 4× its live size before the next
 * one cut them from 14 to 2–3 per 52 s of load (search p99 there: mostly 7–15 ms instead of
 * 32–81) for ~200 MB more heap. (Measured before requests shared hidden classes, see
 * prototyped-express.adapter.ts; old-generation growth is now ~3 KB per request, and these figures
 * were not measured again.) Not allowed in NODE_OPTIONS, so set here; V8 reads it at each
 * collection.
 */
setFlagsFromString('--heap-growing-percent=300');

async function bootstrap(): Promise<void> {
  const env = envOrExit();
  await refuseUnfitRedis(env);
  const logger = PinoLoggerService.create(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, new PrototypedExpressAdapter(), {
    bodyParser: false,
    logger,
  });
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
