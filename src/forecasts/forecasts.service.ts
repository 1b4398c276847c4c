import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Page, ValidationFailedException } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { todayInVietnam } from '../certification/inspection-schedule';
import { bulkInsert } from '../database/bulk-insert';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { GrowingAreasService } from '../growing-areas/growing-areas.service';
import { Product } from '../products/product.entity';
import {
  CreateForecastDto,
  CreateHarvestDto,
  ForecastResponse,
  HarvestResponse,
  ListForecastsQuery,
  toForecastResponse,
  toHarvestResponse,
} from './dto/forecast.dto';
import { Forecast, Harvest } from './forecast.entity';
import { monthsBetween, seasonWarning } from './harvest-season';

/** Forecasts and harvests of a growing-area code, for the code's own product. */
@Injectable()
export class ForecastsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: GrowingAreasService,
    private readonly audit: AuditService,
  ) {}

  createForecast(actor: Actor, areaId: string, dto: CreateForecastDto): Promise<ForecastResponse> {
    if (dto.periodEnd <= dto.periodStart) {
      throw new ValidationFailedException([
        { field: 'periodEnd', message: 'periodEnd must be after periodStart' },
      ]);
    }
    return this.dataSource.transaction(async (em) => {
      const area = await this.usableArea(em, actor, areaId, dto.productCode);
      const forecast: Forecast = {
        id: randomUUID(),
        growingAreaId: area.id,
        productCode: area.productCode,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        volume: dto.volume,
        createdBy: actor.id,
        createdAt: new Date(),
      };
      await bulkInsert(em, Forecast, [forecast]);
      await this.audit.record(em, actor, {
        entity: 'growing-area',
        entityId: area.id,
        action: 'forecast',
        changes: {
          forecastId: { before: null, after: forecast.id },
          volume: { before: null, after: dto.volume },
        },
      });
      const product = await em.findOneByOrFail(Product, { code: area.productCode });
      const warning = seasonWarning(product, monthsBetween(dto.periodStart, dto.periodEnd));
      return toForecastResponse(
        forecast,
        await this.harvestedIn(em, [forecast]).then((m) => m.get(forecast.id) ?? 0),
        warning,
      );
    });
  }

  async listForecasts(actor: Actor, areaId: string, q: ListForecastsQuery): Promise<Page<ForecastResponse>> {
    const area = await this.areas.findEntity(actor, areaId);
    const qb = this.dataSource
      .createQueryBuilder(Forecast, 'f')
      .where('f.growingAreaId = :id', { id: area.id });
    if (q.from) qb.andWhere('f.periodEnd >= :from', { from: q.from });
    if (q.to) qb.andWhere('f.periodStart <= :to', { to: q.to });
    const sort = q.sort ?? '-periodStart';
    const field = sort.replace(/^-/, '');
    qb.orderBy(`f.${field}`, sort.startsWith('-') ? 'DESC' : 'ASC')
      .addOrderBy('f.id', 'ASC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit);
    const [items, total] = await qb.getManyAndCount();
    const harvested = await this.harvestedIn(this.dataSource.manager, items);
    const product = await this.dataSource.getRepository(Product).findOneByOrFail({ code: area.productCode });
    return {
      items: items.map((f) =>
        toForecastResponse(
          f,
          harvested.get(f.id) ?? 0,
          seasonWarning(product, monthsBetween(f.periodStart, f.periodEnd)),
        ),
      ),
      total,
      page: q.page,
      limit: q.limit,
    };
  }

  recordHarvest(actor: Actor, areaId: string, dto: CreateHarvestDto): Promise<HarvestResponse> {
    if (dto.harvestedOn > todayInVietnam()) {
      throw new UnprocessableEntityException(`harvestedOn ${dto.harvestedOn} is in the future`);
    }
    return this.dataSource.transaction(async (em) => {
      const area = await this.usableArea(em, actor, areaId, dto.productCode);
      const harvest: Harvest = {
        id: randomUUID(),
        growingAreaId: area.id,
        productCode: area.productCode,
        harvestedOn: dto.harvestedOn,
        volume: dto.volume,
        createdBy: actor.id,
        createdAt: new Date(),
      };
      await bulkInsert(em, Harvest, [harvest]);
      await this.audit.record(em, actor, {
        entity: 'growing-area',
        entityId: area.id,
        action: 'harvest',
        changes: {
          harvestId: { before: null, after: harvest.id },
          volume: { before: null, after: dto.volume },
        },
      });
      const product = await em.findOneByOrFail(Product, { code: area.productCode });
      return toHarvestResponse(harvest, seasonWarning(product, [Number(dto.harvestedOn.slice(5, 7))]));
    });
  }

  async listHarvests(actor: Actor, areaId: string, q: ListForecastsQuery): Promise<Page<HarvestResponse>> {
    const area = await this.areas.findEntity(actor, areaId);
    const qb = this.dataSource
      .createQueryBuilder(Harvest, 'h')
      .where('h.growingAreaId = :id', { id: area.id });
    if (q.from) qb.andWhere('h.harvestedOn >= :from', { from: q.from });
    if (q.to) qb.andWhere('h.harvestedOn <= :to', { to: q.to });
    qb.orderBy('h.harvestedOn', 'DESC')
      .addOrderBy('h.id', 'ASC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items: items.map((h) => toHarvestResponse(h, null)), total, page: q.page, limit: q.limit };
  }

  /** Harvested volume within each forecast's period, in one grouped query. */
  private async harvestedIn(em: EntityManager, forecasts: Forecast[]): Promise<Map<string, number>> {
    if (!forecasts.length) return new Map();
    const rows = await em
      .createQueryBuilder(Forecast, 'f')
      .innerJoin(
        Harvest,
        'h',
        'h.growingAreaId = f.growingAreaId AND h.harvestedOn >= f.periodStart AND h.harvestedOn <= f.periodEnd',
      )
      .select('f.id', 'id')
      .addSelect('SUM(h.volume)', 'harvested')
      .where({ id: In(forecasts.map((f) => f.id)) })
      .groupBy('f.id')
      .getRawMany<{ id: string; harvested: string | number }>();
    return new Map(rows.map((r) => [r.id, Number(r.harvested)]));
  }

  /** A code in scope, not revoked, whose product is the one named (when one is). */
  private async usableArea(
    em: EntityManager,
    actor: Actor,
    areaId: string,
    productCode?: string,
  ): Promise<GrowingArea> {
    const area = await this.areas.findEntity(actor, areaId, em);
    if (area.status === 'revoked') throw new ConflictException(`Growing-area code ${area.code} is revoked`);
    if (productCode && productCode !== area.productCode) {
      throw new UnprocessableEntityException(
        `Code ${area.code} is for ${area.productCode}, not ${productCode}`,
      );
    }
    return area;
  }
}
