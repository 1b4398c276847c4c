import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per scheduled scan and period: the first process to insert it runs that period, every
 * other one (a second worker, a restart, a replayed job) finds it and skips. See ScanRuns.
 */
@Entity('scan_runs')
export class ScanRun {
  /** `all`, `inspections`, `capacity`, `contracts` or `disbursement-lagging`. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) scan!: string;
  /** Start of the schedule's interval, as an ISO timestamp. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) period!: string;
  @Column({ type: 'datetime' }) startedAt!: Date;
  @Column({ type: 'datetime', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'simple-json', nullable: true }) result!: unknown;
  /** host:pid of the process that ran (or is running) it. */
  @Column({ type: 'varchar', length: 100 }) runBy!: string;
}
