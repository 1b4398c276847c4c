import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DEFAULT_DATABASE_POOL_SIZE, type Env } from '../config/env';

export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/**
 * SQLite file when no DATABASE_URL is given, MySQL/MariaDB otherwise. Schema always comes from
 * the one committed migration set, run at start; never synchronize.
 */
export function dataSourceOptions(
  env: Pick<Env, 'DATABASE_URL' | 'SQLITE_PATH'> & Partial<Pick<Env, 'DATABASE_POOL_SIZE'>>,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  const common = {
    entities,
    migrations: [MIGRATIONS_GLOB],
    migrationsRun: true,
    synchronize: false as const,
  };
  if (env.DATABASE_URL) {
    return {
      ...common,
      // 'mysql' for MariaDB too: the 'mariadb' type switches uuid columns to MariaDB's own type.
      type: 'mysql',
      url: env.DATABASE_URL.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // DATE columns stay 'YYYY-MM-DD' strings, never shifted by a time zone.
      dateStrings: ['DATE'],
      extra: { connectionLimit: env.DATABASE_POOL_SIZE ?? DEFAULT_DATABASE_POOL_SIZE },
      migrationsTransactionMode: 'each',
    };
  }
  if (env.SQLITE_PATH !== ':memory:') mkdirSync(dirname(env.SQLITE_PATH), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: env.SQLITE_PATH,
    enableWAL: true,
    timeout: 10_000,
    migrationsTransactionMode: 'each',
  };
}
