import { FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { PageParams } from './page-query';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/**
 * Sorts (allow-listed field, then id as a tiebreak so pages never overlap), pages and counts.
 * `defaultSort` applies when the caller gave none.
 */
export async function paginate<E extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<E>,
  params: PageParams,
  toResponse: (entity: E) => R,
  defaultSort = '-createdAt',
): Promise<Page<R>> {
  const sort = params.sort ?? defaultSort;
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const direction = descending ? 'DESC' : 'ASC';
  const alias = qb.alias;
  const idColumn = qb.expressionMap.mainAlias?.metadata.primaryColumns[0]?.propertyName ?? 'id';
  qb.orderBy(`${alias}.${field}`, direction);
  if (field !== idColumn) qb.addOrderBy(`${alias}.${idColumn}`, direction);
  qb.skip((params.page - 1) * params.limit).take(params.limit);
  const [entities, total] = await qb.getManyAndCount();
  return { items: entities.map(toResponse), total, page: params.page, limit: params.limit };
}

/** A page of a repository's rows by find options (sub-lists with a fixed order), counted and mapped. */
export async function findPage<E extends ObjectLiteral, R>(
  repo: Repository<E>,
  params: PageParams,
  options: { where: FindOptionsWhere<E>; order: FindOptionsOrder<E> },
  toResponse: (entity: E) => R,
): Promise<Page<R>> {
  const [entities, total] = await repo.findAndCount({
    ...options,
    skip: (params.page - 1) * params.limit,
    take: params.limit,
  });
  return { items: entities.map(toResponse), total, page: params.page, limit: params.limit };
}
