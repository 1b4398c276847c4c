import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../auth/role';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Enterprise } from '../enterprises/enterprise.entity';

export interface Bindings {
  role: Role;
  cooperativeId: string | null;
  enterpriseId: string | null;
  communeCode: string | null;
}

/**
 * SPEC §1: a cooperative user is bound to one cooperative, an enterprise user to one enterprise,
 * an official or inspector optionally to one commune; nobody else carries a binding.
 */
export async function assertBindings(em: EntityManager, b: Bindings): Promise<void> {
  const problems: string[] = [];
  if (b.role === 'cooperative' && !b.cooperativeId) problems.push('role cooperative needs cooperativeId');
  if (b.role !== 'cooperative' && b.cooperativeId) problems.push(`role ${b.role} cannot have a cooperativeId`);
  if (b.role === 'enterprise' && !b.enterpriseId) problems.push('role enterprise needs enterpriseId');
  if (b.role !== 'enterprise' && b.enterpriseId) problems.push(`role ${b.role} cannot have an enterpriseId`);
  if (b.communeCode && !['official', 'inspector'].includes(b.role)) {
    problems.push(`role ${b.role} cannot have a communeCode`);
  }
  if (problems.length) throw new UnprocessableEntityException(problems.join('; '));
  if (b.cooperativeId && !(await em.existsBy(Cooperative, { id: b.cooperativeId }))) {
    throw new UnprocessableEntityException(`Cooperative ${b.cooperativeId} does not exist`);
  }
  if (b.enterpriseId && !(await em.existsBy(Enterprise, { id: b.enterpriseId }))) {
    throw new UnprocessableEntityException(`Enterprise ${b.enterpriseId} does not exist`);
  }
  if (b.communeCode && !(await em.existsBy(Commune, { code: b.communeCode }))) {
    throw new UnprocessableEntityException(`Commune ${b.communeCode} does not exist`);
  }
}
