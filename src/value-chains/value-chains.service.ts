import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { FieldError, Page, paginate, ValidationFailedException } from '@lienket/http-common';
import { foldVietnamese, toSearchPrefix } from '@lienket/vn-identity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { bulkInsert } from '../database/bulk-insert';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Product } from '../products/product.entity';
import { BudgetDto, CreateValueChainDto } from './dto/create-value-chain.dto';
import { ListValueChainsQuery, UpdateValueChainDto } from './dto/value-chain-requests.dto';
import { toValueChainResponse, ValueChainResponse } from './dto/value-chain.response';
import { loadValueChainLinks } from './value-chain-links';
import {
  NO_CAPITAL_TYPE,
  ValueChain,
  ValueChainBudget,
  ValueChainCommune,
  ValueChainPartner,
} from './value-chain.entity';

/** Value-chain models: registration, edits while in draft, and the list with derived figures. */
@Injectable()
export class ValueChainsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<ValueChain> {
    return scopes.valueChains(em.createQueryBuilder(ValueChain, 'v'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<ValueChain> {
    const row = await this.scoped(actor, em).andWhere('v.id = :id', { id }).getOne();
    if (!row) throw notFound('Value-chain model', id);
    return row;
  }

  async respond(row: ValueChain, em: EntityManager = this.dataSource.manager): Promise<ValueChainResponse> {
    return toValueChainResponse(row, (await loadValueChainLinks(em, [row.id])).get(row.id)!);
  }

  async findOne(actor: Actor, id: string): Promise<ValueChainResponse> {
    return this.respond(await this.findEntity(actor, id));
  }

  async list(actor: Actor, q: ListValueChainsQuery): Promise<Page<ValueChainResponse>> {
    const qb = this.scoped(actor);
    if (q.status) qb.andWhere('v.status = :status', { status: q.status });
    if (q.programme) qb.andWhere('v.programme = :programme', { programme: q.programme });
    if (q.productCode) qb.andWhere('v.productCode = :productCode', { productCode: q.productCode });
    if (q.communeCode) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM value_chain_communes vc WHERE vc.communeCode = :communeCode AND vc.valueChainId = v.id)',
        { communeCode: q.communeCode },
      );
    }
    if (q.search) qb.andWhere("v.searchKey LIKE :prefix ESCAPE '!'", { prefix: toSearchPrefix(q.search) });
    if (q.year) {
      qb.andWhere('v.startsOn >= :yearFrom AND v.startsOn <= :yearTo', {
        yearFrom: `${q.year}-01-01`,
        yearTo: `${q.year}-12-31`,
      });
    }
    const page = await paginate(qb, q, (v) => v, '-createdAt');
    const links = await loadValueChainLinks(
      this.dataSource.manager,
      page.items.map((v) => v.id),
    );
    return { ...page, items: page.items.map((v) => toValueChainResponse(v, links.get(v.id)!)) };
  }

  /** Cooperative or enterprise staff may propose a model they lead; officials register any. */
  async create(actor: Actor, dto: CreateValueChainDto): Promise<ValueChainResponse> {
    this.checkFields(dto);
    if (actor.role === 'cooperative' && dto.leadCooperativeId !== actor.cooperativeId) {
      throw new UnprocessableEntityException('Cooperative staff register models their cooperative leads');
    }
    if (actor.role === 'enterprise' && dto.leadEnterpriseId !== actor.enterpriseId) {
      throw new UnprocessableEntityException('Enterprise staff register models their enterprise leads');
    }
    return this.dataSource.transaction(async (em) => {
      await this.assertReferences(em, dto);
      const row = em.create(ValueChain, {
        id: randomUUID(),
        name: dto.name,
        searchKey: foldVietnamese(dto.name),
        productCode: dto.productCode,
        programme: dto.programme,
        leadCooperativeId: dto.leadCooperativeId ?? null,
        leadEnterpriseId: dto.leadEnterpriseId ?? null,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        decisionNumber: dto.decisionNumber ?? null,
        decisionDate: dto.decisionDate ?? null,
        status: 'draft',
      });
      await em.insert(ValueChain, row);
      await this.replaceLinks(em, row.id, {
        ...dto,
        partnerCooperativeIds: dto.partnerCooperativeIds ?? [],
        partnerEnterpriseIds: dto.partnerEnterpriseIds ?? [],
      });
      const created = await em.findOneByOrFail(ValueChain, { id: row.id });
      await this.audit.record(em, actor, {
        entity: 'value-chain',
        entityId: row.id,
        action: 'create',
        changes: diffForAudit(null, { ...created, budget: JSON.stringify(dto.budget) }),
      });
      return this.respond(created, em);
    });
  }

  /** Edits are for drafts (and submitted models sent back by officials); budgets never drop below what is paid. */
  async update(actor: Actor, id: string, dto: UpdateValueChainDto): Promise<ValueChainResponse> {
    const { version, budget, partnerCooperativeIds, partnerEnterpriseIds, communeCodes, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      if (['completed', 'cancelled'].includes(before.status)) {
        throw new UnprocessableEntityException(`A ${before.status} model is no longer edited`);
      }
      if (actor.role !== 'official' && actor.role !== 'admin' && before.status !== 'draft') {
        throw new UnprocessableEntityException('Only a draft model may be edited by its lead');
      }
      this.checkFields({ ...before, ...fields, budget });
      await this.assertReferences(em, { partnerCooperativeIds, partnerEnterpriseIds, communeCodes });
      const after = await updateAtVersion(
        em,
        ValueChain,
        before,
        version,
        { ...fields, ...(fields.name ? { searchKey: foldVietnamese(fields.name) } : {}) },
        'Value-chain model',
      );
      await this.replaceLinks(em, id, { partnerCooperativeIds, partnerEnterpriseIds, communeCodes, budget });
      await this.audit.record(em, actor, {
        entity: 'value-chain',
        entityId: id,
        action: 'update',
        changes: diffForAudit(before, { ...after, ...(budget ? { budget: JSON.stringify(budget) } : {}) }),
      });
      return this.respond(after, em);
    });
  }

  private checkFields(dto: {
    leadCooperativeId?: string | null;
    leadEnterpriseId?: string | null;
    startsOn?: string;
    endsOn?: string;
    budget?: BudgetDto;
  }): void {
    const errors: FieldError[] = [];
    if (Boolean(dto.leadCooperativeId) === Boolean(dto.leadEnterpriseId)) {
      errors.push({
        field: 'leadCooperativeId',
        message: 'give exactly one lead: leadCooperativeId or leadEnterpriseId',
      });
    }
    if (dto.startsOn && dto.endsOn && dto.endsOn < dto.startsOn) {
      errors.push({ field: 'endsOn', message: 'endsOn must not be before startsOn' });
    }
    const split = dto.budget?.stateByCapitalType;
    if (split && split.investment + split.recurrent !== dto.budget!.state) {
      errors.push({
        field: 'budget.stateByCapitalType',
        message: 'investment + recurrent must equal budget.state',
      });
    }
    if (errors.length) throw new ValidationFailedException(errors);
  }

  private async replaceLinks(
    em: EntityManager,
    valueChainId: string,
    links: {
      partnerCooperativeIds?: string[];
      partnerEnterpriseIds?: string[];
      communeCodes?: string[];
      budget?: BudgetDto;
    },
  ): Promise<void> {
    for (const [partnerType, ids] of [
      ['cooperative', links.partnerCooperativeIds],
      ['enterprise', links.partnerEnterpriseIds],
    ] as const) {
      if (!ids) continue;
      await em.delete(ValueChainPartner, { valueChainId, partnerType });
      await bulkInsert(
        em,
        ValueChainPartner,
        ids.map((partnerId) => ({ valueChainId, partnerType, partnerId })),
      );
    }
    if (links.communeCodes) {
      await em.delete(ValueChainCommune, { valueChainId });
      await bulkInsert(
        em,
        ValueChainCommune,
        links.communeCodes.map((communeCode) => ({ valueChainId, communeCode })),
      );
    }
    if (links.budget) await this.replaceBudget(em, valueChainId, links.budget);
  }

  /** New budget lines keep what was already paid; a line may not fall below it (409 via 422 message). */
  private async replaceBudget(em: EntityManager, valueChainId: string, budget: BudgetDto): Promise<void> {
    const lines = [
      ...(budget.stateByCapitalType
        ? [
            {
              source: 'state' as const,
              capitalType: 'investment' as const,
              amountVnd: budget.stateByCapitalType.investment,
            },
            {
              source: 'state' as const,
              capitalType: 'recurrent' as const,
              amountVnd: budget.stateByCapitalType.recurrent,
            },
          ]
        : [{ source: 'state' as const, capitalType: NO_CAPITAL_TYPE, amountVnd: budget.state }]),
      { source: 'counterpart' as const, capitalType: NO_CAPITAL_TYPE, amountVnd: budget.counterpart },
      { source: 'household' as const, capitalType: NO_CAPITAL_TYPE, amountVnd: budget.household },
      { source: 'enterprise' as const, capitalType: NO_CAPITAL_TYPE, amountVnd: budget.enterprise },
    ];
    const current = await em.find(ValueChainBudget, { where: { valueChainId } });
    const paid = current.reduce((sum, b) => sum + b.disbursedVnd, 0);
    if (paid > 0) throw new UnprocessableEntityException('The budget of a model with disbursements is fixed');
    await em.delete(ValueChainBudget, { valueChainId });
    await bulkInsert(
      em,
      ValueChainBudget,
      lines.map((l) => ({ valueChainId, ...l, disbursedVnd: 0 })),
    );
  }

  private async assertReferences(
    em: EntityManager,
    dto: {
      productCode?: string;
      leadCooperativeId?: string;
      leadEnterpriseId?: string;
      partnerCooperativeIds?: string[];
      partnerEnterpriseIds?: string[];
      communeCodes?: string[];
    },
  ): Promise<void> {
    if (dto.productCode)
      await assertExists(em, Product, { code: dto.productCode }, `Product ${dto.productCode}`);
    const cooperatives = [
      ...(dto.leadCooperativeId ? [dto.leadCooperativeId] : []),
      ...(dto.partnerCooperativeIds ?? []),
    ];
    const enterprises = [
      ...(dto.leadEnterpriseId ? [dto.leadEnterpriseId] : []),
      ...(dto.partnerEnterpriseIds ?? []),
    ];
    await this.assertAll(em, Cooperative, 'id', cooperatives, 'Cooperative');
    await this.assertAll(em, Enterprise, 'id', enterprises, 'Enterprise');
    await this.assertAll(em, Commune, 'code', dto.communeCodes ?? [], 'Commune');
  }

  private async assertAll(
    em: EntityManager,
    entity: typeof Cooperative | typeof Enterprise | typeof Commune,
    key: 'id' | 'code',
    values: string[],
    label: string,
  ): Promise<void> {
    if (!values.length) return;
    const found = await em
      .createQueryBuilder(entity, 'x')
      .select(`x.${key}`, 'k')
      .where({ [key]: In(values) })
      .getRawMany<{ k: string }>();
    const missing = values.filter((v) => !found.some((f) => f.k === v));
    if (missing.length)
      throw new UnprocessableEntityException(`${label} ${missing.join(', ')} does not exist`);
  }
}
