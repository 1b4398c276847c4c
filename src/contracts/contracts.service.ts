import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { FieldError, Page, paginate, ValidationFailedException } from '@lienket/http-common';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { bulkInsert } from '../database/bulk-insert';
import { freshReads } from '../database/fresh-reads';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Household } from '../households/household.entity';
import { Product } from '../products/product.entity';
import { ValueChain } from '../value-chains/value-chain.entity';
import { Contract, ContractSource, ContractStatus } from './contract.entity';
import {
  ContractResponse,
  ContractSourceResponse,
  ContractStatusDto,
  CreateContractDto,
  ListContractsQuery,
  toContractResponse,
  UpdateContractDto,
} from './dto/contract.dto';
import { ContractActivation } from './contract-activation';

const TRANSITIONS: Record<ContractStatus, ContractStatus[]> = {
  draft: ['active', 'cancelled'],
  active: ['fulfilled', 'cancelled', 'expired'],
  fulfilled: [],
  cancelled: [],
  expired: [],
};

/** Linkage contracts: drafts, activation against the sources' forecasts, and the end of their life. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly activation: ContractActivation,
  ) {}

  async findEntity(actor: Actor, id: string, em: EntityManager = this.dataSource.manager): Promise<Contract> {
    const row = await scopes
      .contracts(em.createQueryBuilder(Contract, 'c'), actor)
      .andWhere('c.id = :id', { id })
      .getOne();
    if (!row) throw notFound('Contract', id);
    return row;
  }

  async findOne(actor: Actor, id: string): Promise<ContractResponse> {
    return this.respond(await this.findEntity(actor, id));
  }

  async respond(row: Contract, em: EntityManager = this.dataSource.manager): Promise<ContractResponse> {
    return toContractResponse(row, (await this.sourcesOf(em, [row.id])).get(row.id) ?? []);
  }

  async list(actor: Actor, q: ListContractsQuery): Promise<Page<ContractResponse>> {
    const qb = scopes.contracts(this.dataSource.createQueryBuilder(Contract, 'c'), actor);
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.productCode) qb.andWhere('c.productCode = :productCode', { productCode: q.productCode });
    if (q.enterpriseId) qb.andWhere('c.enterpriseId = :enterpriseId', { enterpriseId: q.enterpriseId });
    if (q.cooperativeId) qb.andWhere('c.cooperativeId = :cooperativeId', { cooperativeId: q.cooperativeId });
    const page = await paginate(qb, q, (c) => c, '-createdAt');
    const sources = await this.sourcesOf(
      this.dataSource.manager,
      page.items.map((c) => c.id),
    );
    return { ...page, items: page.items.map((c) => toContractResponse(c, sources.get(c.id) ?? [])) };
  }

  create(actor: Actor, dto: CreateContractDto): Promise<ContractResponse> {
    const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId! : dto.enterpriseId;
    if (actor.role === 'enterprise' && dto.enterpriseId && dto.enterpriseId !== actor.enterpriseId) {
      throw new ForbiddenException('Enterprise staff make contracts for their own enterprise');
    }
    const errors = checkFields({ ...dto, enterpriseId });
    if (errors.length) throw new ValidationFailedException(errors);
    return this.dataSource.transaction(async (em) => {
      await this.assertReferences(em, { ...dto, enterpriseId });
      const row = em.create(Contract, {
        id: randomUUID(),
        enterpriseId: enterpriseId!,
        cooperativeId: dto.cooperativeId ?? null,
        householdId: dto.householdId ?? null,
        valueChainId: dto.valueChainId ?? null,
        productCode: dto.productCode,
        volume: dto.volume,
        unit: dto.unit,
        priceVndPerUnit: dto.priceVndPerUnit ?? null,
        floorPriceVndPerUnit: dto.floorPriceVndPerUnit ?? null,
        marketReference: dto.marketReference ?? null,
        deliveryFrom: dto.deliveryFrom,
        deliveryTo: dto.deliveryTo,
        status: 'draft',
      });
      await em.insert(Contract, row);
      await this.replaceSources(em, row.id, dto.sourceGrowingAreaIds);
      const created = await em.findOneByOrFail(Contract, { id: row.id });
      await this.audit.record(em, actor, {
        entity: 'contract',
        entityId: row.id,
        action: 'create',
        changes: diffForAudit(null, { ...created, sourceGrowingAreaIds: dto.sourceGrowingAreaIds.join(',') }),
      });
      return this.respond(created, em);
    });
  }

  /** Only drafts change; an active contract's terms are what was signed. */
  update(actor: Actor, id: string, dto: UpdateContractDto): Promise<ContractResponse> {
    const { version, sourceGrowingAreaIds, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      this.assertParty(actor, before);
      if (before.status !== 'draft')
        throw new ConflictException(`Contract is ${before.status}; only drafts are edited`);
      const errors = checkFields({ ...before, ...fields });
      if (errors.length) throw new ValidationFailedException(errors);
      await this.assertReferences(em, fields);
      const after = await updateAtVersion(em, Contract, before, version, fields, 'Contract');
      if (sourceGrowingAreaIds) await this.replaceSources(em, id, sourceGrowingAreaIds);
      await this.audit.record(em, actor, {
        entity: 'contract',
        entityId: id,
        action: 'update',
        changes: diffForAudit(before, after),
      });
      return this.respond(after, em);
    });
  }

  changeStatus(actor: Actor, id: string, dto: ContractStatusDto): Promise<ContractResponse> {
    // An activation waits for the codes' locks, then must read what the previous one committed.
    return this.dataSource.transaction(freshReads(this.dataSource), async (em) => {
      const contract = await this.findEntity(actor, id, em);
      this.assertParty(actor, contract);
      const allowed = TRANSITIONS[contract.status];
      if (!allowed.includes(dto.to)) {
        throw new ConflictException({
          message: `Contract is ${contract.status}; it may go to ${allowed.length ? allowed.join(', ') : 'no other state'}, not ${dto.to}`,
          currentStatus: contract.status,
          allowedStatuses: allowed,
        });
      }
      if (dto.to === 'active') await this.activation.activate(em, contract);
      const { affected } = await em.update(
        Contract,
        { id, status: contract.status },
        { status: dto.to, version: contract.version + 1 },
      );
      if (!affected) throw new ConflictException('Contract changed meanwhile; reload and retry');
      await this.audit.record(em, actor, {
        entity: 'contract',
        entityId: id,
        action: 'status',
        reason: dto.reason ?? null,
        changes: { status: { before: contract.status, after: dto.to } },
      });
      if (dto.to === 'active') {
        await this.outbox.record(em, {
          type: 'contract.activated',
          aggregateType: 'contract',
          aggregateId: id,
          payload: {
            id,
            enterpriseId: contract.enterpriseId,
            cooperativeId: contract.cooperativeId,
            productCode: contract.productCode,
            volume: contract.volume,
          },
        });
      }
      return this.respond(await em.findOneByOrFail(Contract, { id }), em);
    });
  }

  /** Officials act on any contract; enterprise staff on their own (scope already checked that). */
  private assertParty(actor: Actor, contract: Contract): void {
    if (actor.role === 'cooperative')
      throw new ForbiddenException(
        'Cooperative staff read contracts; the enterprise or an official manages them',
      );
    if (actor.role === 'enterprise' && contract.enterpriseId !== actor.enterpriseId)
      throw new ForbiddenException();
  }

  async sourcesOf(em: EntityManager, contractIds: string[]): Promise<Map<string, ContractSourceResponse[]>> {
    const byContract = new Map<string, ContractSourceResponse[]>();
    if (!contractIds.length) return byContract;
    const rows = await em.find(ContractSource, {
      where: { contractId: In(contractIds) },
      order: { growingAreaId: 'ASC' },
    });
    for (const r of rows) {
      const list = byContract.get(r.contractId) ?? [];
      list.push({
        growingAreaId: r.growingAreaId,
        committedVolume: r.committedVolume,
        atRisk: r.atRiskSince !== null,
        atRiskReason: r.atRiskReason,
      });
      byContract.set(r.contractId, list);
    }
    return byContract;
  }

  private async replaceSources(em: EntityManager, contractId: string, ids: string[]): Promise<void> {
    await em.delete(ContractSource, { contractId });
    await bulkInsert(
      em,
      ContractSource,
      ids.map((growingAreaId) => ({
        contractId,
        growingAreaId,
        committedVolume: 0,
        atRiskSince: null,
        atRiskReason: null,
      })),
    );
  }

  private async assertReferences(
    em: EntityManager,
    dto: {
      enterpriseId?: string;
      cooperativeId?: string;
      householdId?: string;
      valueChainId?: string;
      productCode?: string;
    },
  ): Promise<void> {
    if (dto.enterpriseId)
      await assertExists(em, Enterprise, { id: dto.enterpriseId }, `Enterprise ${dto.enterpriseId}`);
    if (dto.cooperativeId)
      await assertExists(em, Cooperative, { id: dto.cooperativeId }, `Cooperative ${dto.cooperativeId}`);
    if (dto.householdId)
      await assertExists(em, Household, { id: dto.householdId }, `Household ${dto.householdId}`);
    if (dto.valueChainId)
      await assertExists(em, ValueChain, { id: dto.valueChainId }, `Value-chain model ${dto.valueChainId}`);
    if (dto.productCode)
      await assertExists(em, Product, { code: dto.productCode }, `Product ${dto.productCode}`);
  }
}

function checkFields(c: {
  enterpriseId?: string | null;
  cooperativeId?: string | null;
  householdId?: string | null;
  priceVndPerUnit?: number | null;
  floorPriceVndPerUnit?: number | null;
  marketReference?: string | null;
  deliveryFrom?: string;
  deliveryTo?: string;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.enterpriseId) errors.push({ field: 'enterpriseId', message: 'enterpriseId is required' });
  if (Boolean(c.cooperativeId) === Boolean(c.householdId)) {
    errors.push({
      field: 'cooperativeId',
      message: 'give exactly one supplier: cooperativeId or householdId',
    });
  }
  if (Boolean(c.priceVndPerUnit) === Boolean(c.floorPriceVndPerUnit)) {
    errors.push({
      field: 'priceVndPerUnit',
      message: 'give a fixed price or a floor price (with a market reference), not both',
    });
  } else if (c.floorPriceVndPerUnit && !c.marketReference) {
    errors.push({ field: 'marketReference', message: 'a floor price follows a market reference' });
  }
  if (c.deliveryFrom && c.deliveryTo && c.deliveryTo < c.deliveryFrom) {
    errors.push({ field: 'deliveryTo', message: 'deliveryTo must not be before deliveryFrom' });
  }
  return errors;
}
