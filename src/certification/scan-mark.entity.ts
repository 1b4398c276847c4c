import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per (scan, subject, period) that a periodic scan has announced. The primary key makes a
 * second run of the same period (or a second worker) announce nothing twice; `runId` tells each run
 * which rows it inserted itself.
 */
@Entity('scan_marks')
@Index('IDX_scan_marks_run', ['runId'])
export class ScanMark {
  @PrimaryColumn({ type: 'varchar', length: 40 }) scan!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) subjectId!: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) period!: string;
  @Column({ type: 'varchar', length: 36 }) runId!: string;
  @CreateDateColumn() createdAt!: Date;
}
