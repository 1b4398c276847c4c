import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { todayInVietnam } from '../certification/inspection-schedule';
import { ScanMark } from '../certification/scan-mark.entity';
import type { Env } from '../config/env';
import { bulkInsert } from '../database/bulk-insert';
import { daysIn } from '../forecasts/volume-window';
import { ValueChain, ValueChainBudget } from './value-chain.entity';

export interface LagScanResult {
  checked: number;
  lagging: number;
  announced: number;
}

/**
 * Slow disbursement is the province's first pain (SPEC §2): an approved or implementing model
 * whose disbursed share of its budget is below DISBURSEMENT_LAG_SHARE × the share of its period
 * already elapsed is flagged with `value_chain.disbursement_lagging`, once per model and month.
 */
@Injectable()
export class DisbursementLagScan {
  private readonly share: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    config: ConfigService<Env, true>,
  ) {
    this.share = config.get('DISBURSEMENT_LAG_SHARE', { infer: true });
  }

  async run(today = todayInVietnam()): Promise<LagScanResult> {
    const models = await this.dataSource
      .createQueryBuilder(ValueChain, 'v')
      .innerJoin(ValueChainBudget, 'b', 'b.valueChainId = v.id')
      .select(['v.id AS id', 'v.name AS name', 'v.startsOn AS startsOn', 'v.endsOn AS endsOn'])
      .addSelect('SUM(b.amountVnd)', 'planVnd')
      .addSelect('SUM(b.disbursedVnd)', 'paidVnd')
      .where("v.status IN ('approved', 'implementing') AND v.startsOn <= :today", { today })
      .groupBy('v.id')
      .addGroupBy('v.name')
      .addGroupBy('v.startsOn')
      .addGroupBy('v.endsOn')
      .getRawMany<{
        id: string;
        name: string;
        startsOn: string;
        endsOn: string;
        planVnd: string;
        paidVnd: string;
      }>();
    const lagging = models
      .map((m) => {
        const elapsed = Math.min(1, daysIn(m.startsOn, today) / daysIn(m.startsOn, m.endsOn));
        const paidShare = Number(m.planVnd) ? Number(m.paidVnd) / Number(m.planVnd) : 1;
        return {
          ...m,
          elapsed: Math.round(elapsed * 1000) / 1000,
          paidShare: Math.round(paidShare * 1000) / 1000,
        };
      })
      .filter((m) => m.paidShare < this.share * m.elapsed);
    if (!lagging.length) return { checked: models.length, lagging: 0, announced: 0 };
    const announced = await this.dataSource.transaction(async (em) => {
      const runId = randomUUID();
      const period = today.slice(0, 7);
      await bulkInsert(
        em,
        ScanMark,
        lagging.map((m) => ({ scan: 'value-chain:lagging', subjectId: m.id, period, runId })),
        { orIgnore: true },
      );
      const mine = new Set(
        (await em.find(ScanMark, { where: { runId }, select: { subjectId: true } })).map((m) => m.subjectId),
      );
      await this.outbox.recordMany(
        em,
        lagging
          .filter((m) => mine.has(m.id))
          .map((m) => ({
            type: 'value_chain.disbursement_lagging',
            aggregateType: 'value-chain',
            aggregateId: m.id,
            payload: {
              id: m.id,
              name: m.name,
              elapsedShare: m.elapsed,
              disbursedShare: m.paidShare,
              planVnd: Number(m.planVnd),
              disbursedVnd: Number(m.paidVnd),
            },
          })),
      );
      return mine.size;
    });
    return { checked: models.length, lagging: lagging.length, announced };
  }
}
