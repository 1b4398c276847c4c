import {
  ConflictException,
  ForbiddenException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { findPage, Page, PageParams, ValidationFailedException } from '@lienket/http-common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { bulkInsert } from '../database/bulk-insert';
import { HouseholdsService } from '../households/households.service';
import { Product } from '../products/product.entity';
import { findSupportConflicts, isAllowed } from '../support/double-support-check';
import { toSupportResponse } from '../support/dto/support.response';
import { SupportRule } from '../support/support-rule.entity';
import { AddParticipantDto, TransitionDto } from './dto/value-chain-requests.dto';
import { ValueChainResponse } from './dto/value-chain.response';
import { assertValueChainTransition } from './value-chain-transitions';
import { ValueChain, ValueChainHousehold } from './value-chain.entity';
import { ValueChainsService } from './value-chains.service';

export interface ParticipantResponse {
  valueChainId: string;
  householdId: string;
  areaHa: number | null;
  heads: number | null;
  joinedOn: string;
  overrideReason: string | null;
}

const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/** A model's transitions and participating households. */
@Injectable()
export class ValueChainLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ValueChainsService,
    private readonly households: HouseholdsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  transition(actor: Actor, id: string, dto: TransitionDto): Promise<ValueChainResponse> {
    return this.dataSource.transaction(async (em) => {
      const chain = await this.chains.findEntity(actor, id, em);
      assertValueChainTransition(actor, chain, dto.to);
      if (dto.to === 'approved' && (!chain.decisionNumber || !chain.decisionDate)) {
        throw new UnprocessableEntityException('Approval needs the decision number and date on the model');
      }
      const from = chain.status;
      const { affected } = await em.update(
        ValueChain,
        { id, status: from },
        { status: dto.to, version: chain.version + 1 },
      );
      if (!affected) throw new ConflictException(`Model ${chain.name} changed meanwhile; reload and retry`);
      await this.audit.record(em, actor, {
        entity: 'value-chain',
        entityId: id,
        action: 'status',
        reason: dto.note ?? null,
        changes: { status: { before: from, after: dto.to } },
      });
      await this.outbox.record(em, {
        type: 'value_chain.status_changed',
        aggregateType: 'value-chain',
        aggregateId: id,
        payload: { id, name: chain.name, from, to: dto.to, note: dto.note ?? null },
      });
      return this.chains.respond(await em.findOneByOrFail(ValueChain, { id }), em);
    });
  }

  /** Adding a household runs the double-support check (SPEC §2); an official may override with a reason. */
  addParticipant(actor: Actor, id: string, dto: AddParticipantDto): Promise<ParticipantResponse> {
    if (dto.override && !['official', 'admin'].includes(actor.role)) {
      throw new ForbiddenException('Only an official may override the double-support check');
    }
    return this.dataSource.transaction(async (em) => {
      const chain = await this.chains.findEntity(actor, id, em);
      if (['completed', 'cancelled'].includes(chain.status)) {
        throw new ConflictException(`Model ${chain.name} is ${chain.status}`);
      }
      const product = await em.findOneByOrFail(Product, { code: chain.productCode });
      this.checkContribution(product, dto);
      await this.households.findEntity(actor, dto.householdId, em);
      if (await em.existsBy(ValueChainHousehold, { valueChainId: id, householdId: dto.householdId })) {
        throw new ConflictException('The household already takes part in this model');
      }
      const conflicts = await this.supportConflicts(em, chain, product, dto.householdId);
      if (conflicts.length && !dto.override) {
        throw new ConflictException({
          message: `Household already supported for the same purpose in an overlapping period (${conflicts.length} record(s)); an official may override with a reason`,
          conflicts,
        });
      }
      const row: ValueChainHousehold = {
        valueChainId: id,
        householdId: dto.householdId,
        areaHa: dto.areaHa ?? null,
        heads: dto.heads ?? null,
        joinedOn: new Date().toISOString().slice(0, 10),
        overrideReason: conflicts.length ? dto.override!.reason : null,
        createdAt: new Date(),
      };
      await bulkInsert(em, ValueChainHousehold, [row]);
      await this.audit.record(em, actor, {
        entity: 'value-chain',
        entityId: id,
        action: conflicts.length ? 'add-household.override' : 'add-household',
        reason: row.overrideReason,
        changes: { householdId: { before: null, after: dto.householdId } },
      });
      const { createdAt: _createdAt, ...response } = row;
      return response;
    });
  }

  async participants(actor: Actor, id: string, q: PageParams): Promise<Page<ParticipantResponse>> {
    await this.chains.findEntity(actor, id);
    return findPage(
      this.dataSource.getRepository(ValueChainHousehold),
      q,
      { where: { valueChainId: id }, order: { createdAt: 'ASC', householdId: 'ASC' } },
      ({ createdAt: _c, ...r }) => r,
    );
  }

  /** Crops bring an area; livestock a herd, and may state the farm's area too (SPEC §7: duck, 7 ha). */
  private checkContribution(product: Product, dto: AddParticipantDto): void {
    const livestock = product.kind === 'livestock';
    const errors = [];
    if (livestock && dto.heads === undefined)
      errors.push({ field: 'heads', message: `heads are required for ${product.code}` });
    if (!livestock && dto.areaHa === undefined)
      errors.push({ field: 'areaHa', message: `areaHa is required for ${product.code}` });
    if (!livestock && dto.heads !== undefined)
      errors.push({ field: 'heads', message: `${product.code} is a crop: give areaHa` });
    if (errors.length) throw new ValidationFailedException(errors);
  }

  /** Support records for the same purpose that year, and other models of the same kind in an overlapping period. */
  private async supportConflicts(
    em: EntityManager,
    chain: ValueChain,
    product: Product,
    householdId: string,
  ) {
    const kind = product.kind === 'livestock' ? 'livestock' : 'seedlings';
    const records = await findSupportConflicts(em, {
      householdId,
      programme: chain.programme,
      kind,
      year: Number(chain.startsOn.slice(0, 4)),
    });
    const others = await em
      .createQueryBuilder(ValueChainHousehold, 'p')
      .innerJoinAndMapOne('p.chain', ValueChain, 'v', 'v.id = p.valueChainId')
      .innerJoin(Product, 'pr', 'pr.code = v.productCode')
      .where({ householdId, valueChainId: Not(chain.id) })
      .andWhere("v.status <> 'cancelled'")
      .andWhere('pr.kind = :kind', { kind: product.kind })
      .getMany();
    const rules = await em.find(SupportRule);
    const models = others
      .map((p) => (p as ValueChainHousehold & { chain: ValueChain }).chain)
      .filter((v) => overlaps(v, chain) && !isAllowed(rules, v.programme, chain.programme, kind));
    return [
      ...records.map(toSupportResponse),
      ...models.map((v) => ({
        valueChainId: v.id,
        name: v.name,
        programme: v.programme,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
      })),
    ];
  }
}
