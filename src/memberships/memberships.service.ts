import { ConflictException, Injectable, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import { Page, paginate } from '@lienket/http-common';
import { OutboxService } from '@lienket/outbox';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { notFound } from '../database/optimistic-update';
import { Household } from '../households/household.entity';
import { HouseholdsService } from '../households/households.service';
import { HouseholdMergeRegistry } from '../integrity/household-merge.registry';
import { CooperativeMember } from './cooperative-member.entity';
import { AddMemberDto } from './dto/add-member.dto';
import { ListMembersQuery } from './dto/list-members.query';
import {
  HouseholdMembershipResponse,
  MemberResponse,
  toHouseholdMembershipResponse,
  toMemberResponse,
} from './dto/member.response';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Membership of households in cooperatives: joining, leaving (history kept), listing. */
@Injectable()
export class MembershipsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cooperatives: CooperativesService,
    private readonly households: HouseholdsService,
    private readonly outbox: OutboxService,
    private readonly mergeSteps: HouseholdMergeRegistry,
  ) {}

  onModuleInit(): void {
    this.mergeSteps.register('cooperative memberships', (em, fromId, intoId) =>
      this.moveMemberships(em, fromId, intoId),
    );
  }

  async list(actor: Actor, cooperativeId: string, q: ListMembersQuery): Promise<Page<MemberResponse>> {
    await this.cooperatives.findEntity(actor, cooperativeId);
    const qb = this.dataSource
      .createQueryBuilder(CooperativeMember, 'm')
      .innerJoinAndMapOne('m.household', Household, 'h', 'h.id = m.householdId AND h.deletedAt IS NULL')
      .where('m.cooperativeId = :cooperativeId', { cooperativeId });
    if (!q.includeFormer) qb.andWhere('m.leftOn IS NULL');
    return paginate(qb, q, toMemberResponse, 'joinedOn');
  }

  /**
   * A household's memberships (past ones too), newest first. Cooperative staff see only their own
   * cooperative's: which other cooperatives a household belongs to is not theirs to know.
   */
  async ofHousehold(actor: Actor, householdId: string, limit = 20): Promise<HouseholdMembershipResponse[]> {
    await this.households.findEntity(actor, householdId);
    const qb = this.dataSource
      .createQueryBuilder(CooperativeMember, 'm')
      .innerJoinAndMapOne('m.cooperative', Cooperative, 'c', 'c.id = m.cooperativeId')
      .where('m.householdId = :householdId', { householdId })
      .orderBy('m.joinedOn', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit);
    if (actor.role === 'cooperative') qb.andWhere('m.cooperativeId = :own', { own: actor.cooperativeId });
    return (await qb.getMany()).map(toHouseholdMembershipResponse);
  }

  add(actor: Actor, cooperativeId: string, dto: AddMemberDto): Promise<MemberResponse> {
    return this.dataSource.transaction(async (em) => {
      await this.cooperatives.findEntity(actor, cooperativeId, em);
      const household = await this.resolveHousehold(actor, dto, em);
      const active = await em.findOneBy(CooperativeMember, {
        cooperativeId,
        householdId: household.id,
        leftOn: IsNull(),
      });
      if (active)
        throw new ConflictException(`Household ${household.id} is already a member since ${active.joinedOn}`);
      const row = em.create(CooperativeMember, {
        cooperativeId,
        householdId: household.id,
        activeHouseholdId: household.id,
        role: dto.role ?? 'member',
        joinedOn: dto.joinedOn ?? today(),
        leftOn: null,
      });
      await em.insert(CooperativeMember, row);
      await this.outbox.record(em, {
        type: 'membership.changed',
        aggregateType: 'cooperative',
        aggregateId: cooperativeId,
        payload: {
          cooperativeId,
          householdId: household.id,
          change: 'joined',
          role: row.role,
          on: row.joinedOn,
        },
      });
      return toMemberResponse({ ...row, household });
    });
  }

  /** Leaving keeps the membership row with its leave date: history is never lost. */
  remove(actor: Actor, cooperativeId: string, householdId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await this.cooperatives.findEntity(actor, cooperativeId, em);
      const { affected } = await em.update(
        CooperativeMember,
        { cooperativeId, householdId, leftOn: IsNull() },
        { leftOn: today(), activeHouseholdId: null },
      );
      if (!affected)
        throw notFound(`Active membership of household ${householdId} in cooperative`, cooperativeId);
      await this.outbox.record(em, {
        type: 'membership.changed',
        aggregateType: 'cooperative',
        aggregateId: cooperativeId,
        payload: { cooperativeId, householdId, change: 'left', on: today() },
      });
    });
  }

  /** Where both were active members of one cooperative, the merged-away membership ends; the rest move. */
  private async moveMemberships(em: EntityManager, fromId: string, intoId: string): Promise<void> {
    const intoActive = await em.find(CooperativeMember, {
      where: { householdId: intoId, leftOn: IsNull() },
      select: { cooperativeId: true },
    });
    if (intoActive.length) {
      await em.update(
        CooperativeMember,
        { householdId: fromId, leftOn: IsNull(), cooperativeId: In(intoActive.map((m) => m.cooperativeId)) },
        { leftOn: today(), activeHouseholdId: null },
      );
    }
    await em.update(
      CooperativeMember,
      { householdId: fromId, leftOn: IsNull() },
      { householdId: intoId, activeHouseholdId: intoId },
    );
    await em.update(CooperativeMember, { householdId: fromId }, { householdId: intoId });
  }

  /**
   * By id within the caller's scope, or by CCCD: cooperative staff can see only their own members,
   * so knowing the CCCD is how they bring in a household another cooperative registered.
   */
  private async resolveHousehold(actor: Actor, dto: AddMemberDto, em: EntityManager): Promise<Household> {
    if (dto.householdId) return this.households.findEntity(actor, dto.householdId, em);
    const household = await em.findOneBy(Household, { nationalId: dto.nationalId, deletedAt: IsNull() });
    if (!household) throw new UnprocessableEntityException('No household with this CCCD is registered');
    return household;
  }
}
