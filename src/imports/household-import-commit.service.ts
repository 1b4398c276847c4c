import { Injectable } from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { normalizeVnMobile } from '@lienket/vn-identity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { bulkInsert } from '../database/bulk-insert';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { Household } from '../households/household.entity';
import { DuplicateDetectionService } from '../integrity/duplicate-detection.service';
import { CooperativeMember } from '../memberships/cooperative-member.entity';
import { commitImport, CommitResult } from './import-commit';
import { ImportJob } from './import-job.entity';

const today = (): string => new Date().toISOString().slice(0, 10);

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

/**
 * Writes a previewed sheet in one transaction: new CCCDs in multi-row inserts, known ones updated
 * only where a value changed (so re-importing the same sheet changes nothing), households of other
 * cooperatives joined rather than edited.
 */
@Injectable()
export class HouseholdImportCommitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly duplicates: DuplicateDetectionService,
  ) {}

  commit(actor: Actor, job: ImportJob): Promise<CommitResult> {
    // Each chunk is checked for probable duplicates once written: a pair within the file is found
    // when its later household is checked, so nothing piles up across chunks.
    return this.dataSource.transaction((em) =>
      commitImport<CreateHouseholdDto>(em, this.audit, actor, job, async (dtos, counts) => {
        await this.duplicates.detectFor(
          em,
          await this.writeChunk(em, actor, job.cooperativeId, dtos, counts),
        );
      }),
    );
  }

  private async writeChunk(
    em: EntityManager,
    actor: Actor,
    cooperativeId: string | null,
    dtos: CreateHouseholdDto[],
    result: CommitResult,
  ): Promise<string[]> {
    const existing = await em.find(Household, { where: { nationalId: In(dtos.map((d) => d.nationalId)) } });
    const byNationalId = new Map(existing.map((h) => [h.nationalId, h]));
    const visibleIds = existing.length
      ? new Set(
          (
            await scopes
              .households(em.createQueryBuilder(Household, 'h').select('h.id'), actor)
              .andWhere('h.id IN (:...ids)', { ids: existing.map((h) => h.id) })
              .getMany()
          ).map((h) => h.id),
        )
      : new Set<string>();
    const inserts: Array<HouseholdColumns & { id: string; version: number }> = [];
    const joins: string[] = [];
    const touched: string[] = [];
    for (const dto of dtos) {
      const columns = columnsOf(dto);
      const current = byNationalId.get(dto.nationalId);
      if (!current) {
        const id = randomUUID();
        inserts.push({ id, version: 1, ...columns });
        joins.push(id);
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
      const changed = COMPARED.filter((k) => (current[k] ?? null) !== (columns[k] ?? null));
      if (!changed.length) {
        result.unchanged++;
        continue;
      }
      await em.update(Household, { id: current.id }, { ...columns, version: current.version + 1 });
      result.updated++;
      touched.push(current.id);
    }
    await bulkInsert(em, Household, inserts);
    result.created += inserts.length;
    touched.push(...inserts.map((h) => h.id));
    await this.outbox.recordMany(
      em,
      inserts.map((h) => ({
        type: 'household.registered',
        aggregateType: 'household',
        aggregateId: h.id,
        payload: { householdId: h.id, communeCode: h.communeCode, cooperativeId },
      })),
    );
    if (cooperativeId) result.joined += await this.join(em, cooperativeId, joins);
    return touched;
  }

  /** Memberships for households not yet active members of the cooperative. */
  private async join(em: EntityManager, cooperativeId: string, householdIds: string[]): Promise<number> {
    if (!householdIds.length) return 0;
    const active = await em.find(CooperativeMember, {
      where: { cooperativeId, activeHouseholdId: In(householdIds) },
      select: { householdId: true },
    });
    const already = new Set(active.map((m) => m.householdId));
    const rows = householdIds
      .filter((id) => !already.has(id))
      .map((householdId) => ({
        id: randomUUID(),
        cooperativeId,
        householdId,
        activeHouseholdId: householdId,
        role: 'member' as const,
        joinedOn: today(),
        leftOn: null,
      }));
    await bulkInsert(em, CooperativeMember, rows);
    return rows.length;
  }
}
