import 'reflect-metadata';
// globalSetup runs outside jest's module mapper: resolve @lienket/* from tsconfig paths.
import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/database/entities';

/**
 * Frees the CCCD blocks of the previous run (test/support/households.ts), then, on MySQL, where all
 * test files share one database, migrates it once before the workers start.
 */
export default async function globalSetup(): Promise<void> {
  // Names this run's BullMQ keys (test/support/app.ts); the workers inherit it, teardown removes them.
  process.env.LIENKET_TEST_RUN = randomBytes(4).toString('hex');
  const testDir = process.env.LIENKET_TEST_DIR ?? join(tmpdir(), 'lienket-test');
  rmSync(join(testDir, 'cccd-blocks'), { recursive: true, force: true });
  if (!process.env.DATABASE_URL) return;
  const ds = new DataSource(
    dataSourceOptions({ DATABASE_URL: process.env.DATABASE_URL, SQLITE_PATH: '' }, ENTITIES),
  );
  await ds.initialize();
  await ds.destroy();
}
