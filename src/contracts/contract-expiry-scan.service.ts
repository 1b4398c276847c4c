import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, todayInVietnam } from '../certification/inspection-schedule';
import { ScanMark } from '../certification/scan-mark.entity';
import type { Env } from '../config/env';
import { bulkInsert } from '../database/bulk-insert';
import { Contract } from './contract.entity';

export interface ContractScanResult {
  expiring: number;
  announced: number;
  expired: number;
}

/**
 * Active contracts whose delivery window ends within the lead time are announced once
 * (`contract.expiring`, per contract and end date); those past their window become `expired`.
 */
@Injectable()
export class ContractExpiryScan {
  private readonly leadDays: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    config: ConfigService<Env, true>,
  ) {
    this.leadDays = config.get('INSPECTION_DUE_LEAD_DAYS', { infer: true });
  }

  async run(today = todayInVietnam()): Promise<ContractScanResult> {
    return this.dataSource.transaction(async (em) => {
      const expired = await em
        .createQueryBuilder()
        .update(Contract)
        .set({ status: 'expired', version: () => 'version + 1' })
        .where("status = 'active' AND deliveryTo < :today", { today })
        .execute();
      const expiring = await em
        .createQueryBuilder(Contract, 'c')
        .select([
          'c.id AS id',
          'c.enterpriseId AS enterpriseId',
          'c.cooperativeId AS cooperativeId',
          'c.deliveryTo AS deliveryTo',
        ])
        .where("c.status = 'active' AND c.deliveryTo <= :horizon", { horizon: addDays(today, this.leadDays) })
        .getRawMany<{ id: string; enterpriseId: string; cooperativeId: string | null; deliveryTo: string }>();
      if (!expiring.length) return { expiring: 0, announced: 0, expired: expired.affected ?? 0 };
      const runId = randomUUID();
      await bulkInsert(
        em,
        ScanMark,
        expiring.map((c) => ({ scan: 'contract:expiring', subjectId: c.id, period: c.deliveryTo, runId })),
        { orIgnore: true },
      );
      const mine = new Set(
        (await em.find(ScanMark, { where: { runId }, select: { subjectId: true } })).map((m) => m.subjectId),
      );
      await this.outbox.recordMany(
        em,
        expiring
          .filter((c) => mine.has(c.id))
          .map((c) => ({
            type: 'contract.expiring',
            aggregateType: 'contract',
            aggregateId: c.id,
            payload: { ...c },
          })),
      );
      return { expiring: expiring.length, announced: mine.size, expired: expired.affected ?? 0 };
    });
  }
}
