import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidEnvError, validateEnv } from './config/env';
import { PinoLoggerService } from './logging/pino-logger.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  let env;
  try {
    env = validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = PinoLoggerService.create(env.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  logger.log(`Liên Kết worker started — queue: ${env.REDIS_URL ? 'Redis' : 'inline'}`, 'Bootstrap');
}

void bootstrap();
