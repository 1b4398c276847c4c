import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

const ROWS_PER_STATEMENT = 500;

/**
 * Multi-row INSERTs of rows whose ids the caller already set. TypeORM would otherwise read every
 * inserted row back (to learn database defaults such as createdAt): one extra SELECT per statement.
 */
export async function bulkInsert<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E>[],
  options: { orIgnore?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const insert = em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .updateEntity(false);
    if (options.orIgnore) insert.orIgnore();
    await insert.execute();
  }
}
