import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Semaphore } from 'async-mutex';
import { OutboxService, timeOrderedUuid } from '@lienket/outbox';
import { normalizeVnMobile } from '@lienket/vn-identity';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';
import { scopes } from '../auth/scopes';
import { insertRows, isMysqlManager, placeholders, selectRows } from '../database/insert-rows';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { Household } from '../households/household.entity';
import { Candidate, DuplicateDetectionService } from '../integrity/duplicate-detection.service';
import { commitImport, CommitResult } from './import-commit';
import { oneAhead } from './one-ahead';
import { readMatchChunks } from './sheet-preview';
import { ImportJob } from './import-job.entity';

const today = (): string => new Date().toISOString().slice(0, 10);
/** Values per IN list: far below SQLite's 32,766 bound parameters. */
const IN_LIST = 5000;
/** A membership as `join` inserts it; the name-key copies are the database triggers' business. */
const MEMBER_COLUMNS = [
  'id',
  'cooperativeId',
  'householdId',
  'activeHouseholdId',
  'role',
  'joinedOn',
  'leftOn',
];

type HouseholdColumns = Omit<
  Household,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'commune' | 'ethnicityRef'
>;

/** The register's columns for a validated row (the same derivations as a single create). */
function columnsOf(dto: CreateHouseholdDto): HouseholdColumns {
  return {
    headName: dto.headName,
    ...householdNameKeys(dto.headName),
    nationalId: dto.nationalId,
    gender: dto.gender,
    birthYear: dto.birthYear,
    ethnicity: dto.ethnicity,
    phone: dto.phone ? normalizeVnMobile(dto.phone) : null,
    communeCode: dto.communeCode,
    village: dto.village ?? null,
    villageKey: villageKey(dto.village),
    memberCount: dto.memberCount,
    povertyStatus: dto.povertyStatus,
    povertyAssessedYear: dto.povertyAssessedYear ?? null,
    consentGivenOn: dto.consent?.givenOn ?? null,
    consentScope: dto.consent?.scope ?? null,
    deletedAt: null,
    deletedReason: null,
  };
}

const COMPARED: Array<keyof HouseholdColumns> = [
  'headName',
  'gender',
  'birthYear',
  'ethnicity',
  'phone',
  'communeCode',
  'village',
  'memberCount',
  'povertyStatus',
  'povertyAssessedYear',
  'consentGivenOn',
  'consentScope',
];
/** The columns a new household is inserted with; createdAt and updatedAt take their defaults. */
const INSERTED = [
  'id',
  'version',
  'headName',
  'searchKey',
  'givenNameKey',
  'nationalId',
  'gender',
  'birthYear',
  'ethnicity',
  'phone',
  'communeCode',
  'village',
  'villageKey',
  'memberCount',
  'povertyStatus',
  'povertyAssessedYear',
  'consentGivenOn',
  'consentScope',
  'deletedAt',
  'deletedReason',
] as const;
type Inserted = HouseholdColumns & { id: string; version: number };
type Registered = Pick<Household, 'id' | 'nationalId' | 'version' | 'deletedAt'> &
  Pick<HouseholdColumns, (typeof COMPARED)[number]>;
/**
 * Rows and blocks handed to one chunk: whole (commune, birth year) blocks, so each is checked for
 * duplicates once, and few enough blocks that their households in the register fit in memory.
 */
const CHUNK = { rows: 2000, blocks: 100 };

/** A chunk of stored rows with what could be read of the register before writing it (see `prepare`). */
interface Prepared {
  /** The chunk's rows as register columns. */
  rows: HouseholdColumns[];
  /** The registered households with the chunk's CCCDs. */
  registered: Registered[];
  /** Households in the blocks of rows that may be written, but for `continued`. */
  candidates: Candidate[];
  /** The chunk's first block, when it began in the chunk before (a block larger than a chunk). */
  continued: string | null;
}

const blockKey = (h: Pick<Candidate, 'communeCode' | 'birthYear'>) => `${h.communeCode}|${h.birthYear}`;
const changedColumns = (current: Registered, columns: HouseholdColumns) =>
  COMPARED.filter((k) => (current[k] ?? null) !== (columns[k] ?? null));

/**
 * Writes a previewed sheet in one transaction: new CCCDs in multi-row inserts, known ones updated
 * only where a value changed (so re-importing the same sheet changes nothing), households of other
 * cooperatives joined rather than edited. Rows go in chunks of whole match blocks (commune and birth
 * year), so that each chunk's households are checked for probable duplicates against their blocks
 * read once, the chunk's own households put in from memory.
 *
 * The register is read for a chunk before the chunk is written, and on MySQL on another connection
 * while the transaction writes the chunk before it. InnoDB reads index pages this transaction has
 * not changed without checking each entry against it (read after the chunk's writes, its blocks cost
 * a clustered-index lookup per entry). What that connection cannot see is this transaction's own
 * writes: the chunk's CCCDs are not among them (each CCCD is once in the file); households updated
 * by an earlier chunk are left out of the candidates read there (their new values are in the chunk
 * of their new block); a block continued from the chunk before is read in the transaction.
 *
 * A commit thus needs two of the process's pooled connections at once, so fewer commits than the
 * pool has connections run together, the others waiting their turn: as many as the pool, each
 * holding its transaction's connection, would each wait for a reader forever.
 */
@Injectable()
export class HouseholdImportCommitService {
  private readonly turns: Semaphore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly duplicates: DuplicateDetectionService,
    config: ConfigService<Env, true>,
  ) {
    this.turns = new Semaphore(config.get('DATABASE_POOL_SIZE', { infer: true }) - 1);
  }

  commit(actor: Actor, job: ImportJob): Promise<CommitResult> {
    return isMysqlManager(this.dataSource.manager)
      ? this.turns.runExclusive(() => this.commitNow(actor, job))
      : this.commitNow(actor, job);
  }

  private commitNow(actor: Actor, job: ImportJob): Promise<CommitResult> {
    return this.dataSource.transaction((em) => {
      // SQLite has one connection: there everything is read in the transaction, a chunk ahead all the same.
      const reader = isMysqlManager(em) ? this.dataSource.manager : em;
      const updated = new Set<string>();
      let lastBlock: string | null = null;
      const chunks = oneAhead(
        readMatchChunks<CreateHouseholdDto>(reader, job.id, CHUNK.rows, CHUNK.blocks),
        (chunk) => {
          const continued = chunk[0].matchKey === lastBlock ? lastBlock : null;
          lastBlock = chunk[chunk.length - 1].matchKey;
          return this.prepare(
            reader,
            chunk.map((r) => r.value),
            continued,
          );
        },
      );
      return commitImport(em, this.audit, actor, job, chunks, (prepared, result) =>
        this.writeChunk(em, actor, job.cooperativeId, prepared, result, updated),
      );
    });
  }

  /** Reads what a chunk's writes depend on: its registered CCCDs, and its blocks' households. */
  private async prepare(
    reader: EntityManager,
    dtos: CreateHouseholdDto[],
    continued: string | null,
  ): Promise<Prepared> {
    const rows = dtos.map(columnsOf);
    const registered = await this.registered(
      reader,
      rows.map((r) => r.nationalId),
    );
    const byNationalId = new Map(registered.map((h) => [h.nationalId, h]));
    // New CCCDs and changed values: a superset of what will be written (scope is checked then).
    const blocks = rows.filter((r) => {
      const current = byNationalId.get(r.nationalId);
      return (!current || changedColumns(current, r).length) && blockKey(r) !== continued;
    });
    const candidates = blocks.length ? await this.duplicates.candidatesInBlocks(reader, blocks) : [];
    return { rows, registered, candidates, continued };
  }

  /**
   * Writes a chunk, then records the probable duplicates of the households it created or changed
   * against their blocks as they now are.
   */
  private async writeChunk(
    em: EntityManager,
    actor: Actor,
    cooperativeId: string | null,
    { rows, registered, candidates, continued }: Prepared,
    result: CommitResult,
    updated: Set<string>,
  ): Promise<void> {
    const byNationalId = new Map(registered.map((h) => [h.nationalId, h]));
    const visibleIds = registered.length
      ? new Set(
          (
            await scopes
              .households(em.createQueryBuilder(Household, 'h').select('h.id'), actor)
              .andWhere('h.id IN (:...ids)', { ids: registered.map((h) => h.id) })
              .getMany()
          ).map((h) => h.id),
        )
      : new Set<string>();
    const inserts: Inserted[] = [];
    const joins: string[] = [];
    const updates: Inserted[] = [];
    for (const columns of rows) {
      const current = byNationalId.get(columns.nationalId);
      if (!current) {
        inserts.push({ id: timeOrderedUuid(), version: 1, ...columns });
        continue;
      }
      if (
        current.deletedAt ||
        (!visibleIds.has(current.id) && !(actor.role === 'cooperative' && cooperativeId))
      ) {
        result.skipped++;
        continue;
      }
      joins.push(current.id);
      if (!visibleIds.has(current.id)) continue; // another cooperative's household: join it, do not edit it
      if (!changedColumns(current, columns).length) {
        result.unchanged++;
        continue;
      }
      updates.push({ id: current.id, version: current.version + 1, ...columns });
    }
    const touched: Candidate[] = [...inserts, ...updates];
    const before = candidates.filter((c) => !updated.has(c.id));
    if (continued && touched.some((h) => blockKey(h) === continued)) {
      const [communeCode, birthYear] = continued.split('|');
      for (const c of await this.duplicates.candidatesInBlocks(em, [
        { communeCode, birthYear: Number(birthYear) },
      ]))
        before.push(c);
    }
    for (const { id, ...columns } of updates) {
      await em.update(Household, { id }, columns);
      updated.add(id);
      result.updated++;
    }
    await insertRows(
      em,
      'households',
      INSERTED,
      inserts.map((h) => INSERTED.map((c) => h[c])),
    );
    result.created += inserts.length;
    await this.outbox.recordMany(
      em,
      inserts.map((h) => ({
        type: 'household.registered',
        aggregateType: 'household',
        aggregateId: h.id,
        payload: { householdId: h.id, communeCode: h.communeCode, cooperativeId },
      })),
    );
    if (cooperativeId) {
      result.joined += await this.join(
        em,
        cooperativeId,
        joins,
        inserts.map((h) => h.id),
      );
    }
    if (!touched.length) return;
    // The blocks as they now are: the chunk's households with their new values.
    const now = new Map(before.map((c) => [c.id, c]));
    for (const h of touched) now.set(h.id, h);
    await this.duplicates.recordMatches(em, touched, [...now.values()]);
  }

  /** The registered households with these CCCDs (deleted ones too), as plain rows. */
  private async registered(em: EntityManager, nationalIds: string[]): Promise<Registered[]> {
    const found: Registered[] = [];
    const columns = ['id', 'nationalId', 'version', 'deletedAt', ...COMPARED].join(', ');
    for (let i = 0; i < nationalIds.length; i += IN_LIST) {
      const part = nationalIds.slice(i, i + IN_LIST);
      const rows = await selectRows<Registered>(
        em,
        `SELECT ${columns} FROM households WHERE nationalId IN (${placeholders(part.length)})`,
        part,
      );
      for (const row of rows) found.push(row);
    }
    return found;
  }

  /**
   * Memberships for the registered households not yet active members of the cooperative, and for
   * every household just created (none can be a member of anything yet).
   */
  private async join(
    em: EntityManager,
    cooperativeId: string,
    registeredIds: string[],
    createdIds: string[],
  ): Promise<number> {
    const already = new Set<string>();
    for (let i = 0; i < registeredIds.length; i += IN_LIST) {
      const part = registeredIds.slice(i, i + IN_LIST);
      const active = await selectRows<{ householdId: string }>(
        em,
        `SELECT householdId FROM cooperative_members WHERE cooperativeId = ? AND activeHouseholdId IN (${placeholders(part.length)})`,
        [cooperativeId, ...part],
      );
      for (const m of active) already.add(m.householdId);
    }
    const joinedOn = today();
    const rows = [...registeredIds.filter((id) => !already.has(id)), ...createdIds].map((householdId) => [
      timeOrderedUuid(),
      cooperativeId,
      householdId,
      householdId,
      'member',
      joinedOn,
      null,
    ]);
    return insertRows(em, 'cooperative_members', MEMBER_COLUMNS, rows);
  }
}
