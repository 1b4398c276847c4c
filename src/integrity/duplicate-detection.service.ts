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

/** A block's candidates, with the positions of each village's and of those whose village is unknown. */
interface Block<C> {
  all: C[];
  byVillage: Map<string, number[]>;
  unknownVillage: number[];
}

/** Two ascending lists of positions as one, ascending. */
function* merged(a: number[], b: number[]): Generator<number> {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) yield j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
}

/**
 * Every (target, candidate) pair that compares as a probable duplicate, looking only within blocks;
 * for a target with a village, only at candidates of that village or of none (compareHouseholds
 * never pairs two known villages that differ). Pairs come in target order, then candidate order.
 */
export function* probableMatches<T extends Candidate, C extends Candidate>(
  targets: T[],
  candidates: C[],
): Generator<{ target: T; other: C; score: number; matchedFields: string[] }> {
  const blocks = new Map<string, Block<C>>();
  for (const c of candidates) {
    let block = blocks.get(blockOf(c));
    if (!block) blocks.set(blockOf(c), (block = { all: [], byVillage: new Map(), unknownVillage: [] }));
    const at = block.all.push(c) - 1;
    if (!c.villageKey) block.unknownVillage.push(at);
    else {
      const village = block.byVillage.get(c.villageKey);
      if (village) village.push(at);
      else block.byVillage.set(c.villageKey, [at]);
    }
  }
  for (const target of targets) {
    const block = blocks.get(blockOf(target));
    if (!block) continue;
    const positions = target.villageKey
      ? merged(block.byVillage.get(target.villageKey) ?? [], block.unknownVillage)
      : block.all.keys();
    for (const at of positions) {
      const other = block.all[at];
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
    return this.recordMatches(em, targets, await this.candidatesFor(em, targets));
  }

  /**
   * Stores (and announces) the pairs the targets form with the candidates, except pairs already
   * known whatever their status. Targets may be among the candidates: a pair is stored once.
   */
  async recordMatches(em: EntityManager, targets: Candidate[], candidates: Candidate[]): Promise<number> {
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
      where: [{ householdAId: In([...new Set([...pairs.values()].map((p) => p.householdAId))]) }],
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

  /**
   * Everyone not deleted in the given (commune, birth year) blocks, whatever their village
   * (compareHouseholds applies the village rule). For checking many households sorted by block: each
   * block is read once, as one range of the duplicate-block index, where `candidatesFor` reads a
   * range per household and village.
   */
  async candidatesInBlocks(
    em: EntityManager,
    blocks: Array<Pick<Candidate, 'communeCode' | 'birthYear'>>,
  ): Promise<Candidate[]> {
    const years = new Map<string, Set<number>>();
    for (const { communeCode, birthYear } of blocks) {
      const set = years.get(communeCode);
      if (set) set.add(birthYear);
      else years.set(communeCode, new Set([birthYear]));
    }
    const communes = [...years.entries()];
    const found: Candidate[] = [];
    for (let i = 0; i < communes.length; i += BLOCKS_PER_QUERY) {
      const params: unknown[] = [];
      const where = communes
        .slice(i, i + BLOCKS_PER_QUERY)
        .map(([communeCode, set]) => {
          params.push(communeCode, ...set);
          return `(communeCode = ? AND birthYear IN (${Array.from(set, () => '?').join(', ')}))`;
        })
        .join(' OR ');
      const rows = (await em.query(
        `SELECT ${CANDIDATE_COLUMNS.join(', ')} FROM households WHERE deletedAt IS NULL AND (${where})`,
        params,
      )) as Candidate[];
      for (const row of rows) found.push(row);
    }
    return found;
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
