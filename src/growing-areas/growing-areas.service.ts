import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Page } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { applyCertificateFilters } from '../certification/certificate-list';
import { selectPage } from '../certification/list-page';
import { InspectionSchedule, todayInVietnam } from '../certification/inspection-schedule';
import { Commune } from '../communes/commune.entity';
import type { Env } from '../config/env';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { bulkInsert } from '../database/bulk-insert';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Product } from '../products/product.entity';
import { CreateGrowingAreaDto } from './dto/create-growing-area.dto';
import {
  GROWING_AREA_LIST_COLUMNS,
  GrowingAreaResponse,
  toGrowingAreaResponse,
} from './dto/growing-area.response';
import { ListGrowingAreasQuery } from './dto/list-growing-areas.query';
import { UpdateGrowingAreaDto } from './dto/update-growing-area.dto';
import { GrowingAreaMarket } from './growing-area-market.entity';
import { checkGrowingAreaFields } from './growing-area-rules';
import { marketsKeyOf, marketsOfKey } from './markets-key';
import { GrowingArea } from './growing-area.entity';

/** Growing-area codes: registration, edits and the filtered list (lifecycle and inspections live next door). */
@Injectable()
export class GrowingAreasService {
  private readonly codePattern: RegExp;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly schedule: InspectionSchedule,
    config: ConfigService<Env, true>,
  ) {
    this.codePattern = new RegExp(config.get('CERTIFICATE_CODE_PATTERN', { infer: true }));
  }

  scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<GrowingArea> {
    return scopes.growingAreas(em.createQueryBuilder(GrowingArea, 'g'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<GrowingArea> {
    const row = await this.scoped(actor, em).andWhere('g.id = :id', { id }).getOne();
    if (!row) throw notFound('Growing-area code', id);
    return row;
  }

  async findOne(actor: Actor, id: string): Promise<GrowingAreaResponse> {
    return this.respond(await this.findEntity(actor, id), true);
  }

  async respond(row: GrowingArea, detail = false, em?: EntityManager): Promise<GrowingAreaResponse> {
    const markets = await this.marketsOf([row.id], em);
    return toGrowingAreaResponse(
      row,
      markets.get(row.id) ?? [],
      this.schedule.flags(row.status, row.nextInspectionDue),
      detail,
    );
  }

  async list(actor: Actor, q: ListGrowingAreasQuery): Promise<Page<GrowingAreaResponse>> {
    const qb = this.scoped(actor);
    const today = todayInVietnam();
    applyCertificateFilters(qb, q, { keyColumn: 'marketsKey' }, today);
    if (q.productCode) qb.andWhere('g.productCode = :productCode', { productCode: q.productCode });
    if (q.cooperativeId) qb.andWhere('g.cooperativeId = :cooperativeId', { cooperativeId: q.cooperativeId });
    // One statement: the page (without the boundary, which only detail answers show) and its total;
    // the markets come from the code's own marketsKey copy.
    const { rows, total } = await selectPage(qb, GROWING_AREA_LIST_COLUMNS, q, '-createdAt');
    const flags = this.schedule.flagsOn(today);
    return {
      items: rows.map((g) =>
        toGrowingAreaResponse(g, marketsOfKey(g.marketsKey), flags(g.status, g.nextInspectionDue)),
      ),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  async create(actor: Actor, dto: CreateGrowingAreaDto): Promise<GrowingAreaResponse> {
    const { boundaryAreaHa } = checkGrowingAreaFields(
      { ...dto, markets: dto.markets ?? [] },
      this.codePattern,
    );
    const saved = await this.dataSource.transaction(async (em) => {
      await this.assertReferences(em, dto);
      const row = em.create(GrowingArea, {
        id: randomUUID(),
        code: dto.code,
        kind: dto.kind,
        productCode: dto.productCode,
        areaHa: dto.areaHa,
        plottedHa: 0,
        communeCode: dto.communeCode,
        cooperativeId: dto.cooperativeId ?? null,
        boundary: dto.boundary ? JSON.stringify(dto.boundary) : null,
        boundaryAreaHa,
        issuer: dto.issuer,
        marketsKey: marketsKeyOf(dto.markets ?? []),
        issuedOn: dto.issuedOn,
        status: 'pending',
        lastInspectedOn: null,
        nextInspectionDue: this.schedule.nextDue(dto.kind, dto.issuedOn, null),
      });
      await em.insert(GrowingArea, row);
      await this.replaceMarkets(em, row.id, dto.markets ?? []);
      const created = await em.findOneByOrFail(GrowingArea, { id: row.id });
      await this.audit.record(em, actor, {
        entity: 'growing-area',
        entityId: row.id,
        action: 'create',
        changes: diffForAudit(null, {
          ...created,
          boundary: created.boundary ? '(GeoJSON)' : null,
          markets: dto.markets ?? [],
        }),
      });
      return this.respond(created, true, em);
    });
    return saved;
  }

  async update(actor: Actor, id: string, dto: UpdateGrowingAreaDto): Promise<GrowingAreaResponse> {
    const { version, markets, boundary, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      const { boundaryAreaHa } = checkGrowingAreaFields(
        { kind: before.kind, markets, boundary },
        this.codePattern,
      );
      await this.assertReferences(em, fields);
      if (fields.areaHa !== undefined && fields.areaHa < before.plottedHa) {
        throw new UnprocessableEntityException(
          `areaHa ${fields.areaHa} is less than the ${before.plottedHa} ha already assigned to plots`,
        );
      }
      const after = await updateAtVersion(
        em,
        GrowingArea,
        before,
        version,
        {
          ...fields,
          nextInspectionDue: this.schedule.nextDue(
            before.kind,
            fields.issuedOn ?? before.issuedOn,
            before.lastInspectedOn,
          ),
          ...(markets !== undefined ? { marketsKey: marketsKeyOf(markets) } : {}),
          ...(boundary !== undefined
            ? { boundary: boundary ? JSON.stringify(boundary) : null, boundaryAreaHa }
            : {}),
        },
        'Growing-area code',
      );
      if (markets !== undefined) await this.replaceMarkets(em, id, markets);
      await this.audit.record(em, actor, {
        entity: 'growing-area',
        entityId: id,
        action: 'update',
        changes: diffForAudit(
          { ...before, boundary: before.boundary ? '(GeoJSON)' : null },
          { ...after, boundary: after.boundary ? '(GeoJSON)' : null },
        ),
      });
      return this.respond(after, true, em);
    });
  }

  /** Markets of several codes in one query. */
  async marketsOf(
    ids: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string[]>> {
    const byArea = new Map<string, string[]>();
    if (!ids.length) return byArea;
    const rows = await em.find(GrowingAreaMarket, {
      where: { growingAreaId: In(ids) },
      order: { market: 'ASC' },
    });
    for (const r of rows) byArea.set(r.growingAreaId, [...(byArea.get(r.growingAreaId) ?? []), r.market]);
    return byArea;
  }

  private async replaceMarkets(em: EntityManager, growingAreaId: string, markets: string[]): Promise<void> {
    await em.delete(GrowingAreaMarket, { growingAreaId });
    await bulkInsert(
      em,
      GrowingAreaMarket,
      markets.map((market) => ({ growingAreaId, market })),
    );
  }

  private async assertReferences(
    em: EntityManager,
    dto: { productCode?: string; communeCode?: string; cooperativeId?: string },
  ): Promise<void> {
    if (dto.productCode) {
      const product = await em.findOneBy(Product, { code: dto.productCode });
      if (!product) throw new UnprocessableEntityException(`Product ${dto.productCode} does not exist`);
      if (product.kind !== 'crop') {
        throw new UnprocessableEntityException(
          `Product ${dto.productCode} is not a crop: growing-area codes are for crops`,
        );
      }
    }
    if (dto.communeCode)
      await assertExists(em, Commune, { code: dto.communeCode }, `Commune ${dto.communeCode}`);
    if (dto.cooperativeId)
      await assertExists(em, Cooperative, { id: dto.cooperativeId }, `Cooperative ${dto.cooperativeId}`);
  }
}
