import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/database/entities';
import { createTestApp } from './support/app';

let app: INestApplication;
beforeAll(async () => (app = await createTestApp()));
afterAll(() => app.close());

const isMysql = () => Boolean(process.env.DATABASE_URL);

/** The committed migrations must build exactly the schema the entities describe, on each engine. */
describe('schema built by the migrations', () => {
  if (!isMysql()) {
    it('matches the entities on SQLite (TypeORM finds nothing to change)', async () => {
      const log = await app.get(DataSource).driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    });
  }

  if (isMysql())
    it('matches the entities on MySQL/MariaDB, column by column and index by index', async () => {
      const migrated = app.get(DataSource);
      const url = new URL(process.env.DATABASE_URL!);
      const referenceDb = `${url.pathname.slice(1)}_ref`.slice(0, 60);
      await migrated.query(
        `CREATE DATABASE IF NOT EXISTS \`${referenceDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      url.pathname = `/${referenceDb}`;
      // A second database built by TypeORM straight from the entities, for comparison only.
      const reference = new DataSource({
        ...dataSourceOptions({ DATABASE_URL: url.toString(), SQLITE_PATH: '' }, ENTITIES),
        migrationsRun: false,
        synchronize: true,
      } as typeof migrated.options);
      await reference.initialize();
      try {
        const describe = async (ds: DataSource, db: string) => ({
          columns: await ds.query(
            `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> 'migrations'
             ORDER BY TABLE_NAME, COLUMN_NAME`,
            [db],
          ),
          indexes: await ds.query(
            `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME
             FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> 'migrations'
             ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
            [db],
          ),
          foreignKeys: await ds.query(
            `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
             FROM information_schema.KEY_COLUMN_USAGE k
             JOIN information_schema.REFERENTIAL_CONSTRAINTS r
               ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
            WHERE k.TABLE_SCHEMA = ? ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME`,
            [db],
          ),
        });
        const migratedDb: string = (await migrated.query('SELECT DATABASE() AS db'))[0].db;
        const fromMigrations = await describe(migrated, migratedDb);
        const fromEntities = await describe(reference, referenceDb);
        expect(fromMigrations.columns).toEqual(fromEntities.columns);
        expect(fromMigrations.indexes).toEqual(fromEntities.indexes);
        expect(fromMigrations.foreignKeys).toEqual(fromEntities.foreignKeys);
        const notUtf8mb4 = fromMigrations.columns.filter(
          (c: { CHARACTER_SET_NAME: string | null }) =>
            c.CHARACTER_SET_NAME && c.CHARACTER_SET_NAME !== 'utf8mb4',
        );
        expect(notUtf8mb4).toEqual([]);
        // Folded name keys compare byte for byte (migration BinaryNameKeys), as on SQLite.
        const binaryKeys = await migrated.query(
          `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS name FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND COLLATION_NAME = 'utf8mb4_bin' ORDER BY name`,
          [migratedDb],
        );
        expect(binaryKeys.map((c: { name: string }) => c.name)).toEqual([
          'cooperative_members.givenNameKey',
          'cooperative_members.searchKey',
          'households.givenNameKey',
          'households.searchKey',
          'households.villageKey',
        ]);
      } finally {
        await reference.query(`DROP DATABASE \`${referenceDb}\``);
        await reference.destroy();
      }
    });

  it('stores and finds Vietnamese text byte for byte', async () => {
    const ds = app.get(DataSource);
    const [row] = await ds.query(`SELECT name FROM communes WHERE code = '06172'`);
    expect(row.name).toBe('Hoàng Văn Thụ');
  });
});
