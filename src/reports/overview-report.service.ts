import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CERTIFICATION_STATUSES } from '../certification/certification-status';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { PackingFacility } from '../packing-facilities/packing-facility.entity';
import { Product } from '../products/product.entity';
import { ValueChain, ValueChainHousehold } from '../value-chains/value-chain.entity';

export interface ProductFigures {
  productCode: string;
  models: number;
  households: number;
  areaHa: number;
  heads: number;
  /** Share of poor or near-poor households, 0–1 (as a model's figures). */
  poorShare: number;
  /** Share of ethnic-minority (not Kinh) households, 0–1. */
  ethnicMinorityShare: number;
}

type ByStatus = Record<(typeof CERTIFICATION_STATUSES)[number], number>;

export interface OverviewReport {
  products: ProductFigures[];
  growingAreas: {
    total: number;
    areaHa: number;
    byKind: { export: number; domestic: number };
    byStatus: ByStatus;
  };
  packingFacilities: { total: number; byStatus: ByStatus };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const noStatuses = (): ByStatus => ({ pending: 0, active: 0, suspended: 0, revoked: 0 });

/**
 * The programme at a glance (SPEC §5a): per product the models (not cancelled), the households
 * taking part, the area or herd they bring and the shares of poor and ethnic-minority households;
 * codes by kind and status with their hectares; facilities by status. Grouped queries only.
 */
@Injectable()
export class OverviewReportService {
  constructor(private readonly dataSource: DataSource) {}

  async overview(): Promise<OverviewReport> {
    const [products, models, participants, codes, facilities] = await Promise.all([
      this.dataSource.getRepository(Product).find({ select: { code: true }, order: { code: 'ASC' } }),
      this.dataSource
        .createQueryBuilder(ValueChain, 'v')
        .select('v.productCode', 'productCode')
        .addSelect('COUNT(*)', 'models')
        .where("v.status <> 'cancelled'")
        .groupBy('v.productCode')
        .getRawMany<{ productCode: string; models: string }>(),
      this.dataSource
        .createQueryBuilder(ValueChainHousehold, 'p')
        .innerJoin(ValueChain, 'v', "v.id = p.valueChainId AND v.status <> 'cancelled'")
        .select('v.productCode', 'productCode')
        .addSelect('COUNT(DISTINCT p.householdId)', 'households')
        .addSelect('COALESCE(SUM(p.areaHa), 0)', 'areaHa')
        .addSelect('COALESCE(SUM(p.heads), 0)', 'heads')
        .innerJoin('households', 'h', 'h.id = p.householdId')
        .addSelect(
          "COUNT(DISTINCT CASE WHEN h.povertyStatus IN ('poor', 'near_poor') THEN p.householdId END)",
          'poor',
        )
        .addSelect("COUNT(DISTINCT CASE WHEN h.ethnicity <> '01' THEN p.householdId END)", 'minority')
        .groupBy('v.productCode')
        .getRawMany<
          Record<'productCode' | 'households' | 'areaHa' | 'heads' | 'poor' | 'minority', string>
        >(),
      this.dataSource
        .createQueryBuilder(GrowingArea, 'g')
        .select(['g.kind AS kind', 'g.status AS status'])
        .addSelect('COUNT(*)', 'n')
        .addSelect('SUM(g.areaHa)', 'areaHa')
        .groupBy('g.kind')
        .addGroupBy('g.status')
        .getRawMany<{ kind: 'export' | 'domestic'; status: keyof ByStatus; n: string; areaHa: string }>(),
      this.dataSource
        .createQueryBuilder(PackingFacility, 'f')
        .select('f.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .groupBy('f.status')
        .getRawMany<{ status: keyof ByStatus; n: string }>(),
    ]);
    const growingAreas = { total: 0, areaHa: 0, byKind: { export: 0, domestic: 0 }, byStatus: noStatuses() };
    for (const c of codes) {
      growingAreas.total += Number(c.n);
      growingAreas.areaHa += Number(c.areaHa);
      growingAreas.byKind[c.kind] += Number(c.n);
      growingAreas.byStatus[c.status] += Number(c.n);
    }
    growingAreas.areaHa = round2(growingAreas.areaHa);
    const packingFacilities = { total: 0, byStatus: noStatuses() };
    for (const f of facilities) {
      packingFacilities.total += Number(f.n);
      packingFacilities.byStatus[f.status] += Number(f.n);
    }
    return {
      products: products.map(({ code }) => {
        const m = models.find((x) => x.productCode === code);
        const p = participants.find((x) => x.productCode === code);
        const households = Number(p?.households ?? 0);
        return {
          productCode: code,
          models: Number(m?.models ?? 0),
          households,
          areaHa: round2(Number(p?.areaHa ?? 0)),
          heads: Number(p?.heads ?? 0),
          poorShare: share(Number(p?.poor ?? 0), households),
          ethnicMinorityShare: share(Number(p?.minority ?? 0), households),
        };
      }),
      growingAreas,
      packingFacilities,
    };
  }
}
