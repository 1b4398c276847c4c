import type { PageParams } from '@lienket/http-common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { columnsOf, hydrateRows } from '../database/hydrate-rows';

export interface RowsPage<R> {
  rows: R[];
  total: number;
}

/**
 * One page of a filtered list and its exact total in a single statement, reading only `columns`:
 *
 *   SELECT (SELECT COUNT(*) FROM … WHERE …) AS total, <columns> FROM … WHERE … ORDER BY … LIMIT …
 *
 * The count is an uncorrelated subquery, evaluated once; the page keeps its own plan (an index in
 * the sort order lets the database stop after the page). Only a page past the end (no rows, so no
 * total) costs a second statement. Values are converted as TypeORM hydrates them (dates, decimal
 * transformers) on every engine, without building entities.
 *
 * `qb` carries the scope and the filters only (`em`: the manager it was made from, when a
 * transaction's); the sort is `params.sort` (checked against an
 * allow-list by the query DTO) or `defaultSort`, then the primary key, as paginate() sorts.
 */
export async function selectPage<E extends ObjectLiteral, K extends keyof E & string>(
  qb: SelectQueryBuilder<E>,
  columns: readonly K[],
  params: PageParams,
  defaultSort: string,
  em: EntityManager = qb.connection.manager,
): Promise<RowsPage<Pick<E, K>>> {
  const sort = params.sort ?? defaultSort;
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const direction = descending ? 'DESC' : 'ASC';
  const alias = qb.alias;
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const driver = qb.connection.driver;
  const idColumn = metadata.primaryColumns[0].propertyName;
  const metas = columnsOf(metadata, columns);

  const [countSql, countParams] = qb.clone().select('COUNT(*)', 'total').getQueryAndParameters();
  const page = qb.clone().select(`${alias}.${columns[0]}`, columns[0]);
  for (const c of columns.slice(1)) page.addSelect(`${alias}.${c}`, c);
  page.orderBy(`${alias}.${field}`, direction);
  if (field !== idColumn) page.addOrderBy(`${alias}.${idColumn}`, direction);
  page.limit(params.limit).offset((params.page - 1) * params.limit);
  const [pageSql, pageParams] = page.getQueryAndParameters();
  if (!pageSql.startsWith('SELECT ')) throw new Error(`unexpected page statement: ${pageSql.slice(0, 40)}`);

  const run = (sql: string, values: unknown[]): Promise<Array<Record<string, unknown>>> =>
    em.query(sql, values);
  const raw = await run(
    `SELECT (${countSql}) AS ${driver.escape('total')}, ${pageSql.slice('SELECT '.length)}`,
    [...countParams, ...pageParams],
  );
  const total = raw.length
    ? Number(raw[0].total)
    : params.page === 1
      ? 0
      : Number((await run(countSql, countParams))[0].total);
  const rows = hydrateRows<Pick<E, K>>(driver, metas, raw);
  return { rows, total };
}
