import { EntityManager, QueryResult } from 'typeorm';

/** SQLite binds at most 32,766 values per statement; MySQL's limit is the packet size. */
const MAX_VALUES = 30_000;

export const isMysqlManager = (em: EntityManager): boolean =>
  ['mysql', 'mariadb'].includes(em.connection.options.type);

/** Runs SQL on the manager's connection (its transaction, if any) and answers rows and counts. */
export async function runSql(em: EntityManager, sql: string, params: unknown[] = []): Promise<QueryResult> {
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    return await runner.query(sql, params, true);
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/** The rows of a SELECT, as the driver gives them (no entity hydration). */
export async function selectRows<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await runSql(em, sql, params)).records as T[];
}

/** `?, ?, ?` */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Multi-row INSERTs of plain values (strings, numbers, null) in the given column order, built as
 * SQL text: no entity metadata, no named parameters, no read-back. For bulk writes where TypeORM's
 * insert builder costs more CPU than the database spends on the rows. Columns left out get their
 * defaults (createdAt and friends). Answers the number of rows inserted (`ignore`: duplicates of a
 * unique key are skipped and not counted).
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  options: { ignore?: boolean; rowsPerStatement?: number } = {},
): Promise<number> {
  if (!rows.length) return 0;
  const driver = em.connection.driver;
  const verb = options.ignore ? (isMysqlManager(em) ? 'INSERT IGNORE' : 'INSERT OR IGNORE') : 'INSERT';
  const head = `${verb} INTO ${driver.escape(table)} (${columns.map((c) => driver.escape(c)).join(', ')}) VALUES `;
  const tuple = `(${placeholders(columns.length)})`;
  const perStatement = Math.max(
    1,
    Math.min(options.rowsPerStatement ?? 1000, Math.floor(MAX_VALUES / columns.length)),
  );
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of slice) for (const value of row) params.push(value);
    const sql = head + Array.from({ length: slice.length }, () => tuple).join(', ');
    inserted += (await runSql(em, sql, params)).affected ?? 0;
  }
  return inserted;
}
