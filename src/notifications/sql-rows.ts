import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { isMysqlManager as isMysql, placeholders } from '../database/insert-rows';

/** Parameters per statement: far below SQLite's 32,766 and MySQL's 65,535. */
const MAX_PARAMETERS = 10_000;

/**
 * The delivery path's SQL, written as plain statements with positional parameters. TypeORM's query
 * builders keep named parameters in an object they copy on every lookup: a 100-row INSERT cost more
 * CPU to build than MariaDB spent running it. Values still go through the driver's conversion for
 * their column (dates, JSON, booleans), so both engines store exactly what TypeORM would.
 */

export { isMysql, placeholders };

function columnOf(em: EntityManager, entity: EntityTarget<ObjectLiteral>, property: string): ColumnMetadata {
  const metadata = em.connection.getMetadata(entity);
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  return column;
}

/** A value as the driver stores it in that column (a Date on SQLite becomes its text form). */
export function persisted<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
): unknown {
  return em.connection.driver.preparePersistentValue(value, columnOf(em, entity, property));
}

/**
 * Multi-row INSERTs of rows that all have the same properties (ids set by the caller; nothing is
 * read back). With `orIgnore`, a row whose unique key is taken is skipped (INSERT IGNORE on MySQL,
 * INSERT OR IGNORE on SQLite).
 */
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: Array<Partial<Record<keyof E & string, unknown>>>,
  options: { orIgnore?: boolean } = {},
): Promise<void> {
  if (!rows.length) return;
  const driver = em.connection.driver;
  const metadata = em.connection.getMetadata(entity);
  const keys = Object.keys(rows[0]) as Array<keyof E & string>;
  const columns = keys.map((key) => columnOf(em, entity, key));
  const verb = !options.orIgnore ? 'INSERT' : isMysql(em) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
  const head = `${verb} INTO ${driver.escape(metadata.tablePath)} (${columns
    .map((c) => driver.escape(c.databaseName))
    .join(', ')}) VALUES `;
  const tuple = `(${placeholders(columns.length)})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    for (const row of chunk) {
      for (let c = 0; c < keys.length; c++)
        values.push(driver.preparePersistentValue(row[keys[c]], columns[c]));
    }
    await em.query(head + chunk.map(() => tuple).join(', '), values);
  }
}

/**
 * Raw result rows as entity-shaped objects: each column the row has is converted as TypeORM would
 * hydrate it (JSON parsed, dates made Dates), without building entities through the ORM.
 */
export function hydrate<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: Array<Record<string, unknown>>,
): E[] {
  if (!rows.length) return [];
  const driver = em.connection.driver;
  const metadata = em.connection.getMetadata(entity);
  const columns = Object.keys(rows[0]).map((name) => {
    const column = metadata.findColumnWithDatabaseName(name);
    if (!column) throw new Error(`${metadata.name} has no column ${name}`);
    return { name, property: column.propertyName, column };
  });
  return rows.map((row) => {
    const target: Record<string, unknown> = {};
    for (const { name, property, column } of columns)
      target[property] = driver.prepareHydratedValue(row[name], column);
    return target as E;
  });
}
