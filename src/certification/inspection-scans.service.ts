import { Injectable } from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityTarget } from 'typeorm';
import { bulkInsert } from '../database/bulk-insert';
import type { CertificateColumns } from './certificate-columns';
import type { CertificateType } from './inspection.entity';
import { InspectionSchedule, todayInVietnam } from './inspection-schedule';
import { ScanMark } from './scan-mark.entity';

export interface ScannedCertificates {
  type: CertificateType;
  entity: EntityTarget<CertificateColumns & { id: string }>;
  /** `code` or `facility`: events are `<prefix>.inspection_due` and `<prefix>.inspection_overdue`. */
  eventPrefix: string;
}

export interface ScanResult {
  scan: string;
  matched: number;
  announced: number;
}

const CHUNK = 1000;

/**
 * The inspection scans (SPEC §4): certificates in force whose inspection falls due within the lead
 * time, and those past it. Each (scan, certificate, period) is announced once — the period is the
 * due date itself, so a new cycle announces again — however often and in however many workers it runs.
 */
@Injectable()
export class InspectionScans {
  private readonly subjects: ScannedCertificates[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly schedule: InspectionSchedule,
  ) {}

  register(subject: ScannedCertificates): void {
    this.subjects.push(subject);
  }

  async run(today = todayInVietnam()): Promise<ScanResult[]> {
    const results: ScanResult[] = [];
    for (const subject of this.subjects) {
      results.push(await this.scan(subject, 'due', today));
      results.push(await this.scan(subject, 'overdue', today));
    }
    return results;
  }

  private async scan(
    subject: ScannedCertificates,
    kind: 'due' | 'overdue',
    today: string,
  ): Promise<ScanResult> {
    const scan = `${subject.type}:${kind}`;
    const qb = this.dataSource
      .createQueryBuilder(subject.entity, 'c')
      .select(['c.id AS id', 'c.code AS code', 'c.communeCode AS communeCode', 'c.nextInspectionDue AS due'])
      .where("c.status = 'active'");
    if (kind === 'overdue') qb.andWhere('c.nextInspectionDue < :today', { today });
    else
      qb.andWhere('c.nextInspectionDue >= :today AND c.nextInspectionDue <= :horizon', {
        today,
        horizon: this.schedule.dueHorizon(today),
      });
    const rows = await qb.getRawMany<{ id: string; code: string; communeCode: string; due: string }>();
    let announced = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      announced += await this.dataSource.transaction(async (em) => {
        const runId = randomUUID();
        await bulkInsert(
          em,
          ScanMark,
          chunk.map((r) => ({ scan, subjectId: r.id, period: r.due, runId })),
          { orIgnore: true },
        );
        // Only the marks this run inserted are announced: a concurrent or repeated run inserts none.
        const mine = new Set(
          (await em.find(ScanMark, { where: { runId }, select: { subjectId: true } })).map(
            (m) => m.subjectId,
          ),
        );
        await this.outbox.recordMany(
          em,
          chunk
            .filter((r) => mine.has(r.id))
            .map((r) => ({
              type: `${subject.eventPrefix}.inspection_${kind}`,
              aggregateType: subject.type,
              aggregateId: r.id,
              payload: { id: r.id, code: r.code, communeCode: r.communeCode, nextInspectionDue: r.due },
            })),
        );
        return mine.size;
      });
    }
    return { scan, matched: rows.length, announced };
  }
}
