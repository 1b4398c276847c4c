import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ScanMark } from '../certification/scan-mark.entity';
import { Contract, ContractSource } from '../contracts/contract.entity';
import type { Env } from '../config/env';
import { bulkInsert } from '../database/bulk-insert';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Product } from '../products/product.entity';
import { Harvest } from './forecast.entity';

export interface CapacityScanResult {
  scan: string;
  year: number;
  matched: number;
  announced: number;
}

/**
 * The code misuse check (SPEC §2): codes whose harvests, or contracted volume, in a year exceed
 * the declared area × the product's typical yield × the tolerance — a sign the code is "borrowed"
 * for produce grown elsewhere. Two grouped queries; each (code, year) is announced once. Products
 * without a published yield are not checked.
 */
@Injectable()
export class CapacityScan {
  private readonly tolerance: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    config: ConfigService<Env, true>,
  ) {
    this.tolerance = config.get('CAPACITY_TOLERANCE', { infer: true });
  }

  async run(year: number): Promise<CapacityScanResult> {
    const scan = 'growing-area:capacity';
    const window = { from: `${year}-01-01`, to: `${year}-12-31` };
    const [harvested, contracted] = await Promise.all([
      this.overCapacity(
        this.dataSource
          .createQueryBuilder(Harvest, 'h')
          .innerJoin(GrowingArea, 'g', 'g.id = h.growingAreaId')
          .where('h.harvestedOn >= :from AND h.harvestedOn <= :to', window),
        'h.volume',
      ),
      this.overCapacity(
        this.dataSource
          .createQueryBuilder(ContractSource, 's')
          .innerJoin(Contract, 'c', "c.id = s.contractId AND c.status IN ('active', 'fulfilled')")
          .innerJoin(GrowingArea, 'g', 'g.id = s.growingAreaId')
          .where('c.deliveryFrom >= :from AND c.deliveryFrom <= :to', window),
        's.committedVolume',
      ),
    ]);
    const byCode = new Map<string, OverCapacity & { harvested: number; contracted: number }>();
    for (const [list, key] of [
      [harvested, 'harvested'],
      [contracted, 'contracted'],
    ] as const) {
      for (const r of list) {
        const row = byCode.get(r.id) ?? { ...r, harvested: 0, contracted: 0 };
        row[key] = Number(r.volume);
        byCode.set(r.id, row);
      }
    }
    const rows = [...byCode.values()];
    if (!rows.length) return { scan, year, matched: 0, announced: 0 };
    const announced = await this.dataSource.transaction(async (em) => {
      const runId = randomUUID();
      await bulkInsert(
        em,
        ScanMark,
        rows.map((r) => ({ scan, subjectId: r.id, period: String(year), runId })),
        { orIgnore: true },
      );
      const mine = new Set(
        (await em.find(ScanMark, { where: { runId }, select: { subjectId: true } })).map((m) => m.subjectId),
      );
      await this.outbox.recordMany(
        em,
        rows
          .filter((r) => mine.has(r.id))
          .map((r) => ({
            type: 'code.volume_exceeds_capacity',
            aggregateType: 'growing-area',
            aggregateId: r.id,
            payload: {
              id: r.id,
              code: r.code,
              communeCode: r.communeCode,
              year,
              harvested: r.harvested,
              contracted: r.contracted,
              capacity: Number(r.capacity),
              tolerance: this.tolerance,
            },
          })),
      );
      return mine.size;
    });
    return { scan, year, matched: rows.length, announced };
  }

  /** Codes whose summed volume (harvests, or commitments) exceeds area × typical yield × tolerance. */
  private overCapacity(qb: SelectQueryBuilder<ObjectLiteral>, volume: string): Promise<OverCapacity[]> {
    return qb
      .innerJoin(Product, 'p', 'p.code = g.productCode')
      .select(['g.id AS id', 'g.code AS code', 'g.communeCode AS communeCode'])
      .addSelect(`SUM(${volume})`, 'volume')
      .addSelect('g.areaHa * p.typicalYieldPerHa', 'capacity')
      .andWhere('p.typicalYieldPerHa IS NOT NULL')
      .groupBy('g.id')
      .addGroupBy('g.code')
      .addGroupBy('g.communeCode')
      .addGroupBy('g.areaHa')
      .addGroupBy('p.typicalYieldPerHa')
      .having(`SUM(${volume}) > g.areaHa * p.typicalYieldPerHa * :tolerance`, { tolerance: this.tolerance })
      .getRawMany<OverCapacity>();
  }
}

interface OverCapacity {
  id: string;
  code: string;
  communeCode: string;
  volume: string;
  capacity: string;
}
