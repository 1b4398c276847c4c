import { Injectable } from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { Brackets, EntityManager, In } from 'typeorm';
import { bulkInsert } from '../database/bulk-insert';
import { Household } from '../households/household.entity';
import { DuplicatePair } from './duplicate-pair.entity';
import { withinOneEdit } from './name-distance';

export type Candidate = Pick<Household, 'id' | 'searchKey' | 'communeCode' | 'birthYear' | 'villageKey'>;
const CANDIDATE_COLUMNS = ['id', 'searchKey', 'communeCode', 'birthYear', 'villageKey'] as const;
const BLOCKS_PER_QUERY = 250;

/** Score 0–100 and matched fields of two records, or null when they are not a probable duplicate. */
export function compareHouseholds(
  a: Candidate,
  b: Candidate,
): { score: number; matchedFields: string[] } | null {
  if (a.communeCode !== b.communeCode || a.birthYear !== b.birthYear) return null;
  if (a.villageKey && b.villageKey && a.villageKey !== b.villageKey) return null;
  if (!withinOneEdit(a.searchKey, b.searchKey)) return null;
  const sameName = a.searchKey === b.searchKey;
  const sameVillage = Boolean(a.villageKey && a.villageKey === b.villageKey);
  return {
    score: (sameName ? 100 : 85) - (sameVillage ? 0 : 10),
    matchedFields: [
      sameName ? 'headName' : 'headName~1',
      'birthYear',
      'communeCode',
      ...(sameVillage ? ['village'] : []),
    ],
  };
}

const blockOf = (c: Candidate): string => `${c.communeCode}|${c.birthYear}`;

/** Every (target, candidate) pair that compares as a probable duplicate, looking only within blocks. */
export function* probableMatches<T extends Candidate, C extends Candidate>(
  targets: T[],
  candidates: C[],
): Generator<{ target: T; other: C; score: number; matchedFields: string[] }> {
  const byBlock = new Map<string, C[]>();
  for (const c of candidates) {
    const block = byBlock.get(blockOf(c));
    if (block) block.push(c);
    else byBlock.set(blockOf(c), [c]);
  }
  for (const target of targets) {
    for (const other of byBlock.get(blockOf(target)) ?? []) {
      if (target.id && other.id === target.id) continue;
      const match = compareHouseholds(target, other);
      if (match) yield { target, other, ...match };
    }
  }
}

/**
 * Probable duplicates (SPEC §2): same folded head name give or take one typo, same birth year,
 * commune and village (or no village on one side). Candidates come from the duplicate-block index,
 * so the check costs a few rows per household, not a table scan.
 */
@Injectable()
export class DuplicateDetectionService {
  constructor(private readonly outbox: OutboxService) {}

  /** Checks the given households against the register; stores and announces new pairs. */
  async detectFor(em: EntityManager, householdIds: string[]): Promise<number> {
    let found = 0;
    for (let i = 0; i < householdIds.length; i += 500) {
      found += await this.detectChunk(em, householdIds.slice(i, i + 500));
    }
    return found;
  }

  private async detectChunk(em: EntityManager, ids: string[]): Promise<number> {
    const select = { id: true, searchKey: true, communeCode: true, birthYear: true, villageKey: true };
    const targets = await em.find(Household, { where: { id: In(ids) }, select });
    if (!targets.length) return 0;
    const candidates = await this.candidatesFor(em, targets);
    const pairs = new Map<string, Omit<DuplicatePair, 'id' | 'createdAt'>>();
    for (const { target, other, score, matchedFields } of probableMatches(targets, candidates)) {
      const [a, b] = target.id < other.id ? [target.id, other.id] : [other.id, target.id];
      pairs.set(`${a}:${b}`, {
        householdAId: a,
        householdBId: b,
        score,
        matchedFields,
        status: 'open',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
    }
    if (!pairs.size) return 0;
    const known = await em.find(DuplicatePair, {
      where: [{ householdAId: In([...pairs.values()].map((p) => p.householdAId)) }],
      select: { householdAId: true, householdBId: true },
    });
    for (const k of known) pairs.delete(`${k.householdAId}:${k.householdBId}`);
    const fresh = [...pairs.values()];
    if (!fresh.length) return 0;
    await bulkInsert(em, DuplicatePair, fresh, { orIgnore: true });
    await this.outbox.recordMany(
      em,
      fresh.map((pair) => ({
        type: 'household.probable_duplicate',
        aggregateType: 'household',
        aggregateId: pair.householdAId,
        payload: { householdAId: pair.householdAId, householdBId: pair.householdBId, score: pair.score },
      })),
    );
    return fresh.length;
  }

  /** Everyone in the same (commune, birth year) block whose village matches or is unknown. */
  async candidatesFor(em: EntityManager, targets: Candidate[]): Promise<Candidate[]> {
    const blocks = [
      ...new Map(targets.map((t) => [`${t.communeCode}|${t.birthYear}|${t.villageKey ?? ''}`, t])).values(),
    ];
    const found: Candidate[] = [];
    // A few hundred ORs per query: SQLite refuses expression trees deeper than 1000.
    for (let i = 0; i < blocks.length; i += BLOCKS_PER_QUERY) {
      found.push(...(await this.candidatesIn(em, blocks.slice(i, i + BLOCKS_PER_QUERY))));
    }
    return found;
  }

  /** Raw rows, not entities: an import reads a dozen candidates per row; hydrating them costs more. */
  private candidatesIn(em: EntityManager, blocks: Candidate[]): Promise<Candidate[]> {
    return em
      .createQueryBuilder(Household, 'h')
      .select(CANDIDATE_COLUMNS.map((c) => `h.${c} AS ${c}`))
      .where('h.deletedAt IS NULL')
      .andWhere(
        new Brackets((or) =>
          blocks.forEach((t, n) => {
            const params = { [`c${n}`]: t.communeCode, [`y${n}`]: t.birthYear, [`v${n}`]: t.villageKey };
            const village = t.villageKey ? `(h.villageKey = :v${n} OR h.villageKey IS NULL)` : '1 = 1';
            or.orWhere(`(h.communeCode = :c${n} AND h.birthYear = :y${n} AND ${village})`, params);
          }),
        ),
      )
      .getRawMany<Candidate>();
  }
}
