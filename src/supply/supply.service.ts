import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ValidationFailedException } from '@lienket/http-common';
import { DataSource, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { Contract, ContractSource } from '../contracts/contract.entity';
import { Forecast } from '../forecasts/forecast.entity';
import { volumeInWindow } from '../forecasts/volume-window';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Product } from '../products/product.entity';
import { Period, periodsOf } from './supply-periods';
import { SupplyQuery } from './supply.query';

interface Volumes {
  forecast: number;
  committed: number;
  available: number;
}

export interface SupplySource extends Volumes {
  growingAreaId: string;
  code: string;
  communeCode: string;
  cooperativeId: string | null;
}

export interface SupplyReport {
  product: string;
  market: string | null;
  from: string;
  to: string;
  granularity: 'week' | 'month';
  totals: Volumes;
  periods: Array<Period & Volumes>;
  sourcesTotal: number;
  sources: SupplySource[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const volumes = (forecast: number, committed: number): Volumes => {
  const [f, c] = [round2(forecast), round2(committed)];
  return { forecast: f, committed: c, available: round2(f - c) };
};

/**
 * Supply (SPEC §2, §5a): for a product, window and market, the forecast of the eligible codes and
 * what active contracts committed from them, both pro-rated by overlapping days, per period and per
 * source. Three queries whatever the number of codes (up to CHUNK codes): the eligible codes, then
 * their forecasts and their commitments by code id — the eligibility test (markets, facilities) runs
 * once, never one query per source.
 */
@Injectable()
export class SupplyService {
  constructor(private readonly dataSource: DataSource) {}

  async supply(q: SupplyQuery): Promise<SupplyReport> {
    if (q.to < q.from)
      throw new ValidationFailedException([{ field: 'to', message: 'to must not be before from' }]);
    if (!(await this.dataSource.getRepository(Product).existsBy({ code: q.product }))) {
      throw new UnprocessableEntityException(`Product ${q.product} does not exist`);
    }
    const market = q.market && q.market !== 'VN' ? q.market : null;
    const window = { start: q.from, end: q.to };
    const codes = await this.eligible(this.dataSource.createQueryBuilder(GrowingArea, 'g'), q, market)
      .select([
        'g.id AS id',
        'g.code AS code',
        'g.communeCode AS communeCode',
        'g.cooperativeId AS cooperativeId',
      ])
      .getRawMany<{ id: string; code: string; communeCode: string; cooperativeId: string | null }>();
    const ids = codes.map((c) => c.id);
    const [forecasts, commitments] = await Promise.all([
      inChunks(ids, (chunk) =>
        this.dataSource
          .createQueryBuilder(Forecast, 'f')
          .select([
            'f.growingAreaId AS id',
            'f.periodStart AS startsOn',
            'f.periodEnd AS endsOn',
            'f.volume AS volume',
          ])
          .where('f.growingAreaId IN (:...chunk)', { chunk })
          .andWhere('f.periodEnd >= :from AND f.periodStart <= :to', { from: q.from, to: q.to })
          .getRawMany<VolumeRow>(),
      ),
      inChunks(ids, (chunk) =>
        this.dataSource
          .createQueryBuilder(ContractSource, 's')
          .innerJoin(Contract, 'c', "c.id = s.contractId AND c.status = 'active'")
          .select([
            's.growingAreaId AS id',
            'c.deliveryFrom AS startsOn',
            'c.deliveryTo AS endsOn',
            's.committedVolume AS volume',
          ])
          .where('s.growingAreaId IN (:...chunk)', { chunk })
          .andWhere('c.deliveryTo >= :from AND c.deliveryFrom <= :to', { from: q.from, to: q.to })
          .getRawMany<VolumeRow>(),
      ),
    ]);
    const periods = periodsOf(q.from, q.to, q.granularity);
    const bySource = new Map(codes.map((c) => [c.id, { forecast: 0, committed: 0 }]));
    const byPeriod = periods.map(() => ({ forecast: 0, committed: 0 }));
    const spread = (rows: VolumeRow[], key: 'forecast' | 'committed') => {
      for (const r of rows) {
        const period = { start: r.startsOn, end: r.endsOn };
        const source = bySource.get(r.id);
        if (source) source[key] += volumeInWindow(Number(r.volume), period, window);
        periods.forEach((p, i) => (byPeriod[i][key] += volumeInWindow(Number(r.volume), period, p)));
      }
    };
    spread(forecasts, 'forecast');
    spread(commitments, 'committed');
    const sources = codes
      .map((c) => ({
        growingAreaId: c.id,
        code: c.code,
        communeCode: c.communeCode,
        cooperativeId: c.cooperativeId,
        ...volumes(bySource.get(c.id)!.forecast, bySource.get(c.id)!.committed),
      }))
      .filter((s) => s.forecast || s.committed);
    // Totals add the sources' rounded figures, so available = forecast − committed holds exactly in both.
    const totals = volumes(
      sources.reduce((n, s) => n + s.forecast, 0),
      sources.reduce((n, s) => n + s.committed, 0),
    );
    return {
      product: q.product,
      market,
      from: q.from,
      to: q.to,
      granularity: q.granularity,
      totals,
      periods: periods.map((p, i) => ({ ...p, ...volumes(byPeriod[i].forecast, byPeriod[i].committed) })),
      sourcesTotal: sources.length,
      sources: sources
        .sort((a, b) => b.available - a.available || a.code.localeCompare(b.code))
        .slice(0, q.sourcesLimit),
    };
  }

  /**
   * Eligible now: an active code of the product; for an export market also of kind export, listing
   * the market, and packed by at least one active facility serving that market.
   */
  private eligible<E extends ObjectLiteral>(
    qb: SelectQueryBuilder<E>,
    q: SupplyQuery,
    market: string | null,
  ) {
    qb.where('g.productCode = :product', { product: q.product }).andWhere("g.status = 'active'");
    if (q.communeCode) qb.andWhere('g.communeCode = :communeCode', { communeCode: q.communeCode });
    if (q.cooperativeId) qb.andWhere('g.cooperativeId = :cooperativeId', { cooperativeId: q.cooperativeId });
    if (market) {
      qb.andWhere("g.kind = 'export'")
        .andWhere(
          'EXISTS (SELECT 1 FROM growing_area_markets gm WHERE gm.growingAreaId = g.id AND gm.market = :market)',
          { market },
        )
        .andWhere(
          `EXISTS (SELECT 1 FROM packing_facility_sources ps
             INNER JOIN packing_facilities pf ON pf.id = ps.packingFacilityId AND pf.status = 'active'
             INNER JOIN packing_facility_markets pm ON pm.packingFacilityId = pf.id AND pm.market = :market
             WHERE ps.growingAreaId = g.id)`,
        );
    }
    return qb;
  }
}

/** Eligible codes per IN list: well under SQLite's bound on parameters, and a short MariaDB range list. */
const CHUNK = 5_000;

async function inChunks<R>(ids: string[], query: (chunk: string[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await query(ids.slice(i, i + CHUNK))));
  return rows;
}

interface VolumeRow {
  id: string;
  startsOn: string;
  endsOn: string;
  volume: string | number;
}
