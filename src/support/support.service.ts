import { ForbiddenException, Injectable, OnModuleInit } from '@nestjs/common';
import { Page, paginate } from '@lienket/http-common';
import { DataSource } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Household } from '../households/household.entity';
import { HouseholdsService } from '../households/households.service';
import { HouseholdMergeRegistry } from '../integrity/household-merge.registry';
import { DoubleSupportException, findSupportConflicts, toConflicts } from './double-support-check';
import { CreateSupportDto } from './dto/create-support.dto';
import { ListHouseholdSupportQuery, ListSupportQuery } from './dto/list-support.query';
import { SupportResponse, toSupportResponse } from './dto/support.response';
import { SupportRecord } from './support-record.entity';

@Injectable()
export class SupportService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdsService,
    private readonly audit: AuditService,
    private readonly mergeSteps: HouseholdMergeRegistry,
  ) {}

  onModuleInit(): void {
    this.mergeSteps.register('support records', (em, fromId, intoId) =>
      em.update(SupportRecord, { householdId: fromId }, { householdId: intoId }).then(() => undefined),
    );
  }

  /** Runs the double-support check; a conflict is refused (409) unless an official overrides it. */
  record(actor: Actor, householdId: string, dto: CreateSupportDto): Promise<SupportResponse> {
    if (dto.override && !['official', 'admin'].includes(actor.role)) {
      throw new ForbiddenException('Only an official may override the double-support check');
    }
    return this.dataSource.transaction(async (em) => {
      await this.households.findEntity(actor, householdId, em);
      const year = Number(dto.supportedOn.slice(0, 4));
      const conflicts = await findSupportConflicts(em, {
        householdId,
        programme: dto.programme,
        kind: dto.kind,
        year,
      });
      if (conflicts.length && !dto.override) throw new DoubleSupportException(toConflicts(conflicts));
      const row = em.create(SupportRecord, {
        householdId,
        programme: dto.programme,
        valueChainId: dto.valueChainId ?? null,
        kind: dto.kind,
        valueVnd: dto.valueVnd,
        supportedOn: dto.supportedOn,
        year,
        reference: dto.reference ?? null,
        overrideReason: conflicts.length ? dto.override!.reason : null,
        createdBy: actor.id,
      });
      await em.insert(SupportRecord, row);
      const saved = toSupportResponse(await em.findOneByOrFail(SupportRecord, { id: row.id }));
      await this.audit.record(em, actor, {
        entity: 'household',
        entityId: householdId,
        action: conflicts.length ? 'support.override' : 'support.create',
        changes: diffForAudit(null, { ...saved, conflictsWith: conflicts.map((c) => c.id) }),
        reason: conflicts.length ? dto.override!.reason : null,
      });
      return saved;
    });
  }

  async listForHousehold(
    actor: Actor,
    householdId: string,
    q: ListHouseholdSupportQuery,
  ): Promise<Page<SupportResponse>> {
    await this.households.findEntity(actor, householdId);
    const qb = this.dataSource
      .createQueryBuilder(SupportRecord, 's')
      .where('s.householdId = :householdId', { householdId });
    return paginate(qb, q, toSupportResponse, '-supportedOn');
  }

  /** Across households, limited to those the caller may see. */
  list(actor: Actor, q: ListSupportQuery): Promise<Page<SupportResponse>> {
    const qb = this.dataSource.createQueryBuilder(SupportRecord, 's');
    const visible = scopes.households(
      this.dataSource.createQueryBuilder(Household, 'h').select('h.id'),
      actor,
    );
    qb.where(`s.householdId IN (${visible.getQuery()})`, visible.getParameters());
    if (q.programme) qb.andWhere('s.programme = :programme', { programme: q.programme });
    if (q.valueChainId) qb.andWhere('s.valueChainId = :valueChainId', { valueChainId: q.valueChainId });
    if (q.year) qb.andWhere('s.year = :year', { year: q.year });
    return paginate(qb, q, toSupportResponse, '-supportedOn');
  }
}
