import { ConflictException } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DuplicatePair } from '../integrity/duplicate-pair.entity';
import { Programme, SupportKind, SupportRecord } from './support-record.entity';
import { ANY_KIND, SupportRule } from './support-rule.entity';
import { SupportResponse, toSupportResponse } from './dto/support.response';

export interface ProposedSupport {
  householdId: string;
  programme: Programme;
  kind: SupportKind;
  year: number;
}

/** The most specific rule wins (this kind, then any kind); no rule means allowed. */
export function isAllowed(rules: SupportRule[], existing: Programme, next: Programme, kind: string): boolean {
  const rule =
    rules.find((r) => r.existingProgramme === existing && r.newProgramme === next && r.kind === kind) ??
    rules.find((r) => r.existingProgramme === existing && r.newProgramme === next && r.kind === ANY_KIND);
  return rule ? rule.allowed : true;
}

/**
 * SPEC §2 double-support check: support already recorded for the same purpose in the same year,
 * for this household or a probable duplicate of it, from a programme the rules do not allow
 * alongside the proposed one.
 */
export async function findSupportConflicts(
  em: EntityManager,
  proposed: ProposedSupport,
): Promise<SupportRecord[]> {
  const pairs = await em.find(DuplicatePair, {
    where: [
      { householdAId: proposed.householdId, status: 'open' },
      { householdBId: proposed.householdId, status: 'open' },
    ],
    select: { householdAId: true, householdBId: true },
  });
  const households = new Set([
    proposed.householdId,
    ...pairs.flatMap((p) => [p.householdAId, p.householdBId]),
  ]);
  const earlier = await em.find(SupportRecord, {
    where: { householdId: In([...households]), year: proposed.year, kind: proposed.kind },
  });
  if (!earlier.length) return [];
  const rules = await em.find(SupportRule);
  return earlier.filter((r) => !isAllowed(rules, r.programme, proposed.programme, proposed.kind));
}

export class DoubleSupportException extends ConflictException {
  constructor(readonly conflicts: SupportResponse[]) {
    super({
      statusCode: 409,
      error: 'Conflict',
      message:
        `Already supported for ${conflicts[0].kind} in ${conflicts[0].supportedOn.slice(0, 4)} by programme ` +
        `${[...new Set(conflicts.map((c) => c.programme))].join(', ')}; an official may override with a reason`,
      conflicts,
    });
  }
}

export const toConflicts = (records: SupportRecord[]): SupportResponse[] => records.map(toSupportResponse);
