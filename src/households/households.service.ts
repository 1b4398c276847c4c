import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Page, paginate, ValidationFailedException } from '@lienket/http-common';
import { OutboxService } from '@lienket/outbox';
import { cccdMismatch, foldVietnamese, normalizeVnMobile, toSearchPrefix } from '@lienket/vn-identity';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Commune } from '../communes/commune.entity';
import { CooperativeMember } from '../memberships/cooperative-member.entity';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Ethnicity } from '../ethnicities/ethnicity.entity';
import { EthnicityNamesService } from '../ethnicities/ethnicity-names.service';
import { DuplicateDetectionService } from '../integrity/duplicate-detection.service';
import { CreateHouseholdDto } from './dto/create-household.dto';
import { DeleteHouseholdDto } from './dto/delete-household.dto';
import { HouseholdResponse, toHouseholdResponse } from './dto/household.response';
import { ListHouseholdsQuery } from './dto/list-households.query';
import { UpdateHouseholdDto } from './dto/update-household.dto';
import { householdNameKeys, villageKey } from './household-keys';
import { MemberCountCache } from './member-count-cache';
import { MemberNameQuery } from './member-name-search';
import { Household } from './household.entity';

const today = (): string => new Date().toISOString().slice(0, 10);

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly cooperatives: CooperativesService,
    private readonly ethnicityNames: EthnicityNamesService,
    private readonly duplicates: DuplicateDetectionService,
    private readonly memberCounts: MemberCountCache,
  ) {}

  /** Every read starts here, so a household outside the caller's scope looks exactly like a missing one. */
  scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<Household> {
    return scopes.households(em.createQueryBuilder(Household, 'h'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<Household> {
    const household = await this.scoped(actor, em).andWhere('h.id = :id', { id }).getOne();
    if (!household) throw notFound('Household', id);
    return household;
  }

  async findOne(actor: Actor, id: string): Promise<HouseholdResponse> {
    return toHouseholdResponse(await this.findEntity(actor, id), await this.ethnicityNames.all());
  }

  /** Head names of the given households the caller may see (one query, for labelling a page of rows). */
  async headNames(actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.scoped(actor)
      .select(['h.id', 'h.headName'])
      .andWhere('h.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((h) => [h.id, h.headName]));
  }

  async list(actor: Actor, q: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    const byMembership = !q.sort && !q.povertyStatus && !q.ethnicity && !q.cooperativeId;
    if (q.search && actor.role === 'cooperative' && actor.cooperativeId && byMembership) {
      return this.searchOwnMembers(actor.cooperativeId, q, q.search);
    }
    const qb = this.scoped(actor);
    if (q.search) {
      const prefix = toSearchPrefix(q.search);
      // The given-name key is one word, so a term with a space can only match the full name: one
      // index range instead of an index merge.
      if (prefix.includes(' ')) qb.andWhere("h.searchKey LIKE :prefix ESCAPE '!'", { prefix });
      else
        qb.andWhere("(h.searchKey LIKE :prefix ESCAPE '!' OR h.givenNameKey LIKE :prefix ESCAPE '!')", {
          prefix,
        });
    }
    if (q.communeCode) qb.andWhere('h.communeCode = :commune', { commune: q.communeCode });
    if (q.povertyStatus) qb.andWhere('h.povertyStatus = :poverty', { poverty: q.povertyStatus });
    if (q.ethnicity) qb.andWhere('h.ethnicity = :ethnicity', { ethnicity: q.ethnicity });
    if (q.cooperativeId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM cooperative_members fm
           WHERE fm.cooperativeId = :filterCooperative AND fm.activeHouseholdId = h.id)`,
        { filterCooperative: q.cooperativeId },
      );
    }
    const names = await this.ethnicityNames.all();
    // Name searches list by folded name: the (communeCode, searchKey) index gives that order, so the
    // database stops after one page instead of sorting every match.
    return paginate(qb, q, (h) => toHouseholdResponse(h, names), q.search ? 'searchKey' : '-createdAt');
  }

  /** Name search of cooperative staff, over their cooperative's memberships (see MemberNameQuery). */
  private async searchOwnMembers(
    cooperativeId: string,
    q: ListHouseholdsQuery,
    term: string,
  ): Promise<Page<HouseholdResponse>> {
    const search = new MemberNameQuery(
      this.dataSource.manager,
      {
        cooperativeId,
        term: foldVietnamese(term),
        communeCode: q.communeCode,
        offset: (q.page - 1) * q.limit,
        limit: q.limit,
      },
      this.memberCounts,
    );
    const [{ households, total }, names] = await Promise.all([search.page(), this.ethnicityNames.all()]);
    return {
      items: households.map((h) => toHouseholdResponse(h, names)),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  /** A cooperative's staff register into their own cooperative; officials may name one. */
  async create(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    if (actor.role === 'cooperative' && dto.cooperativeId && dto.cooperativeId !== actor.cooperativeId) {
      throw new UnprocessableEntityException(
        'Cooperative staff register households into their own cooperative only',
      );
    }
    const cooperativeId = actor.role === 'cooperative' ? actor.cooperativeId : (dto.cooperativeId ?? null);
    const saved = await this.dataSource.transaction(async (em) => {
      await this.assertReferences(em, dto);
      if (cooperativeId) await this.cooperatives.findEntity(actor, cooperativeId, em);
      await this.refuseDuplicateNationalId(em, actor, dto.nationalId);
      const row = em.create(Household, {
        ...this.columnsFrom(dto),
        nationalId: dto.nationalId,
        deletedAt: null,
        deletedReason: null,
      });
      await em.insert(Household, row);
      if (cooperativeId) {
        await em.insert(CooperativeMember, {
          cooperativeId,
          householdId: row.id,
          activeHouseholdId: row.id,
          role: 'member',
          joinedOn: today(),
          leftOn: null,
        });
      }
      const household = await em.findOneByOrFail(Household, { id: row.id });
      await this.audit.record(em, actor, {
        entity: 'household',
        entityId: household.id,
        action: 'create',
        changes: diffForAudit(null, { ...household, nationalId: mask(household.nationalId) }),
      });
      await this.outbox.record(em, {
        type: 'household.registered',
        aggregateType: 'household',
        aggregateId: household.id,
        payload: { householdId: household.id, communeCode: household.communeCode, cooperativeId },
      });
      await this.duplicates.detectFor(em, [household.id]);
      return household;
    });
    return toHouseholdResponse(saved, await this.ethnicityNames.all());
  }

  async update(actor: Actor, id: string, dto: UpdateHouseholdDto): Promise<HouseholdResponse> {
    const { version, ...fields } = dto;
    const saved = await this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      const merged = { ...before, ...definedOnly(fields) };
      const mismatch = cccdMismatch(merged.nationalId, merged.birthYear, merged.gender);
      if (mismatch) throw new ValidationFailedException([{ field: 'nationalId', message: mismatch }]);
      await this.assertReferences(em, fields);
      if (fields.nationalId && fields.nationalId !== before.nationalId) {
        await this.refuseDuplicateNationalId(em, actor, fields.nationalId);
      }
      const after = await updateAtVersion(
        em,
        Household,
        before,
        version,
        { ...this.columnsFrom(fields, before), nationalId: merged.nationalId },
        'Household',
      );
      await this.audit.record(em, actor, {
        entity: 'household',
        entityId: id,
        action: 'update',
        changes: diffForAudit(
          { ...before, nationalId: mask(before.nationalId) },
          { ...after, nationalId: mask(after.nationalId) },
        ),
      });
      await this.duplicates.detectFor(em, [after.id]);
      return after;
    });
    return toHouseholdResponse(saved, await this.ethnicityNames.all());
  }

  /** Soft delete: the row stays for history and audit, and leaves every list and lookup. */
  async remove(actor: Actor, id: string, { reason }: DeleteHouseholdDto): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const household = await this.findEntity(actor, id, em);
      await em.update(
        Household,
        { id },
        { deletedAt: new Date(), deletedReason: reason, version: household.version + 1 },
      );
      await em.update(
        CooperativeMember,
        { householdId: id, leftOn: IsNull() },
        { leftOn: today(), activeHouseholdId: null },
      );
      await this.audit.record(em, actor, { entity: 'household', entityId: id, action: 'delete', reason });
    });
  }

  private async assertReferences(
    em: EntityManager,
    dto: { communeCode?: string; ethnicity?: string },
  ): Promise<void> {
    if (dto.communeCode)
      await assertExists(em, Commune, { code: dto.communeCode }, `Commune ${dto.communeCode}`);
    if (dto.ethnicity)
      await assertExists(em, Ethnicity, { code: dto.ethnicity }, `Ethnicity ${dto.ethnicity}`);
  }

  /** The existing record's id is named only to a caller allowed to see it. */
  private async refuseDuplicateNationalId(
    em: EntityManager,
    actor: Actor,
    nationalId: string,
  ): Promise<void> {
    const existing = await em.findOne(Household, { where: { nationalId }, select: { id: true } });
    if (!existing) return;
    const visible = await this.scoped(actor, em).andWhere('h.id = :id', { id: existing.id }).getExists();
    throw new ConflictException(
      visible
        ? `A household with this CCCD is already registered: ${existing.id}`
        : 'A household with this CCCD is already registered (ask an official, or add it to your cooperative by CCCD)',
    );
  }

  private columnsFrom(dto: Omit<Partial<CreateHouseholdDto>, 'cooperativeId'>, current?: Household) {
    const headName = dto.headName ?? current?.headName ?? '';
    const village = dto.village !== undefined ? dto.village : (current?.village ?? null);
    return {
      headName,
      ...householdNameKeys(headName),
      gender: dto.gender ?? current!.gender,
      birthYear: dto.birthYear ?? current!.birthYear,
      ethnicity: dto.ethnicity ?? current!.ethnicity,
      phone: dto.phone !== undefined ? dto.phone && normalizeVnMobile(dto.phone) : (current?.phone ?? null),
      communeCode: dto.communeCode ?? current!.communeCode,
      village,
      villageKey: villageKey(village),
      memberCount: dto.memberCount ?? current!.memberCount,
      povertyStatus: dto.povertyStatus ?? current!.povertyStatus,
      povertyAssessedYear: dto.povertyAssessedYear ?? current?.povertyAssessedYear ?? null,
      consentGivenOn: dto.consent?.givenOn ?? current?.consentGivenOn ?? null,
      consentScope: dto.consent?.scope ?? current?.consentScope ?? null,
    };
  }
}

/** CCCDs never go into the audit log in full. */
const mask = (nationalId: string): string => `${nationalId.slice(0, 3)}******${nationalId.slice(-3)}`;

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
