import 'reflect-metadata';
// globalSetup runs outside jest's module mapper: resolve @lienket/* from tsconfig paths.
import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/database/entities';

/** On MySQL all test files share one database: migrate it once, before the workers start. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) return;
  const ds = new DataSource(
    dataSourceOptions({ DATABASE_URL: process.env.DATABASE_URL, SQLITE_PATH: '' }, ENTITIES),
  );
  await ds.initialize();
  await ds.destroy();
}
