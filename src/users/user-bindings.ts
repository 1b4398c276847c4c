import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../auth/role';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { assertExists } from '../database/optimistic-update';
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
  if (b.role !== 'cooperative' && b.cooperativeId)
    problems.push(`role ${b.role} cannot have a cooperativeId`);
  if (b.role === 'enterprise' && !b.enterpriseId) problems.push('role enterprise needs enterpriseId');
  if (b.role !== 'enterprise' && b.enterpriseId) problems.push(`role ${b.role} cannot have an enterpriseId`);
  if (b.communeCode && !['official', 'inspector'].includes(b.role)) {
    problems.push(`role ${b.role} cannot have a communeCode`);
  }
  if (problems.length) throw new UnprocessableEntityException(problems.join('; '));
  if (b.cooperativeId)
    await assertExists(em, Cooperative, { id: b.cooperativeId }, `Cooperative ${b.cooperativeId}`);
  if (b.enterpriseId)
    await assertExists(em, Enterprise, { id: b.enterpriseId }, `Enterprise ${b.enterpriseId}`);
  if (b.communeCode) await assertExists(em, Commune, { code: b.communeCode }, `Commune ${b.communeCode}`);
}
