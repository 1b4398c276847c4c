import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERT IGNORE / ON CONFLICT DO NOTHING of one row; true when this call inserted it. The unique key
 * decides between concurrent callers. Only the query runner's structured result carries the
 * affected rows on both engines (InsertResult.raw is the last row id on SQLite).
 */
export async function insertIfAbsent<T extends ObjectLiteral>(
  dataSource: DataSource,
  repo: Repository<T>,
  row: QueryDeepPartialEntity<T>,
): Promise<boolean> {
  const [sql, parameters] = repo.createQueryBuilder().insert().values(row).orIgnore().getQueryAndParameters();
  const runner = dataSource.createQueryRunner();
  try {
    return (await runner.query(sql, parameters, true)).affected === 1;
  } finally {
    await runner.release();
  }
}
