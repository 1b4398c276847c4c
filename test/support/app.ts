import 'reflect-metadata';
import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureApp } from '../../src/app.setup';
import { PinoLoggerService } from '../../src/logging/pino-logger.service';
import { PrototypedExpressAdapter } from '../../src/prototyped-express.adapter';

/**
 * The production AppModule and pipeline (configureApp) on the real database: the SQLite file of
 * this jest worker, or the MySQL/MariaDB database in DATABASE_URL.
 */
let apps = 0;

export async function createTestApp(
  env: Record<string, string> = {},
  /** Test-only controllers beside AppModule's (e.g. one that holds a request open). */
  controllers: Type[] = [],
): Promise<INestApplication> {
  const dir = process.env.LIENKET_TEST_DIR ?? join(tmpdir(), 'lienket-test');
  mkdirSync(dir, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    // Tests drain the outbox themselves (OutboxRelay.drain), so no timer races them.
    WORKER: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SQLITE_PATH: join(dir, `worker-${process.env.JEST_WORKER_ID ?? '1'}.sqlite`),
    // Specs sign in and call far faster than people; test/throttling.e2e-spec.ts sets its own limits.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    // A queue of its own per app: another spec's drain never takes this app's jobs.
    QUEUE_PREFIX: `lktest-${process.env.LIENKET_TEST_RUN ?? 'x'}-${process.pid}-${++apps}`,
    ...env,
  });
  // Imported only now: ConfigModule.forRoot reads and validates process.env when app.module loads.
  const { AppModule } = await import('../../src/app.module');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers }).compile();
  const app = moduleRef.createNestApplication(new PrototypedExpressAdapter(), { bodyParser: false });
  configureApp(app, PinoLoggerService.create(process.env.LOG_LEVEL ?? 'silent'));
  await app.init();
  return app;
}
