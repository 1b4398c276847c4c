import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, IsNull, LessThan, Repository } from 'typeorm';
import { todayInVietnam } from '../certification/inspection-schedule';
import { insertIfAbsent } from '../database/insert-if-absent';
import { PeriodicScans } from './periodic-scans.service';
import { ScanRun } from './scan-run.entity';

const SCANS = {
  inspections: (scans: PeriodicScans, today: string) => scans.inspections(today),
  capacity: (scans: PeriodicScans, today: string) => scans.capacity(today),
  contracts: (scans: PeriodicScans, today: string) => scans.contracts(today),
  'disbursement-lagging': (scans: PeriodicScans, today: string) => scans.disbursementLagging(today),
  all: (scans: PeriodicScans, today: string) => scans.runAll(today),
};

export type ScheduledScan = keyof typeof SCANS;
export type ScanRunOutcome<S extends ScheduledScan> =
  { skipped: true } | { skipped: false; result: Awaited<ReturnType<(typeof SCANS)[S]>> };

/**
 * Far longer than a full scan takes (seconds for tens of thousands of codes), so a live run is
 * not taken over; short enough that a period whose process died is still scanned within it.
 */
export const STALE_AFTER_MS = 15 * 60_000;

const RUN_BY = `${hostname()}:${process.pid}`.slice(0, 100);

/** The period a moment falls in: the start of its interval, as an ISO timestamp. */
export function periodOf(millis: number, intervalMs: number): string {
  return new Date(Math.floor(millis / intervalMs) * intervalMs).toISOString();
}

/**
 * Runs a scheduled scan at most once per period, however many workers (or restarts) ask: the
 * first to insert the (scan, period) row runs it, the others skip.
 *
 * A run that throws deletes its row, so a retry (the BullMQ job's next attempt) runs the period
 * again. A run whose process dies leaves its row unfinished: an attempt for that period after
 * STALE_AFTER_MS takes it over, an earlier one skips (the period is most likely still running).
 * Should a live run be taken over after all, nothing is announced twice — every scan marks each
 * subject once per period in scan_marks — it only costs a second pass.
 */
@Injectable()
export class ScanRuns {
  constructor(
    private readonly scans: PeriodicScans,
    private readonly dataSource: DataSource,
    @InjectRepository(ScanRun) private readonly runs: Repository<ScanRun>,
  ) {}

  async runOnce<S extends ScheduledScan>(
    scan: S,
    period: string,
    today = todayInVietnam(),
  ): Promise<ScanRunOutcome<S>> {
    if (!(await this.claim(scan, period))) return { skipped: true };
    try {
      const result = (await SCANS[scan](this.scans, today)) as Awaited<ReturnType<(typeof SCANS)[S]>>;
      await this.runs.update({ scan, period, runBy: RUN_BY }, { finishedAt: new Date(), result });
      return { skipped: false, result };
    } catch (error) {
      // Should the delete fail too, the row goes stale and a later attempt takes the period over.
      await this.runs.delete({ scan, period, runBy: RUN_BY, finishedAt: IsNull() }).catch(() => undefined);
      throw error;
    }
  }

  private async claim(scan: ScheduledScan, period: string): Promise<boolean> {
    const startedAt = new Date();
    if (await insertIfAbsent(this.dataSource, this.runs, { scan, period, startedAt, runBy: RUN_BY }))
      return true;
    const { affected } = await this.runs.update(
      {
        scan,
        period,
        finishedAt: IsNull(),
        startedAt: LessThan(new Date(startedAt.getTime() - STALE_AFTER_MS)),
      },
      { startedAt, runBy: RUN_BY },
    );
    return affected === 1;
  }
}
