import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Writes `changes` only if the row still has the version the client read (TypeORM bumps versions
 * but never checks them; MySQL's REPEATABLE READ would otherwise lose one of two concurrent edits).
 */
export async function updateAtVersion<E extends ObjectLiteral & { id: string; version: number }>(
  em: EntityManager,
  target: EntityTarget<E>,
  current: E,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<E>,
  label: string,
): Promise<E> {
  const where = { id: current.id, version: expectedVersion } as FindOptionsWhere<E>;
  const { affected } = await em.update(target, where, {
    ...changes,
    version: expectedVersion + 1,
  } as QueryDeepPartialEntity<E>);
  if (!affected) {
    throw new ConflictException(
      `${label} ${current.id} was changed by someone else (your version ${expectedVersion}, current ${current.version})`,
    );
  }
  return em.findOneByOrFail(target, { id: current.id } as FindOptionsWhere<E>);
}

/** A reference to a record that does not exist is a 422 naming it, not a foreign-key 500. */
export async function assertExists<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  label: string,
): Promise<void> {
  if (!(await em.existsBy(target, where))) throw new UnprocessableEntityException(`${label} does not exist`);
}

export function notFound(label: string, id: string): NotFoundException {
  return new NotFoundException(`${label} ${id} not found`);
}
