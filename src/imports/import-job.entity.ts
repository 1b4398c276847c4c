import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';

export const IMPORT_KINDS = ['households', 'cooperatives'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['preview', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
  messageVi: string;
}

export interface ImportDuplicate {
  row: number;
  headName: string;
  matchesRow?: number;
  matchesHouseholdId?: string;
  score: number;
}

/** An uploaded sheet: its preview (kept server-side) until someone commits it. */
@Entity('import_jobs')
@Index('IDX_import_jobs_creator', ['createdBy', 'createdAt'])
export class ImportJob {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: ImportKind;
  @Column({ type: 'varchar', length: 10 }) status!: ImportStatus;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  /** The cooperative the rows join: the uploader's, or the one an official named. */
  @Column({ type: 'varchar', length: 36, nullable: true }) cooperativeId!: string | null;
  @Column({ type: 'varchar', length: 255 }) fileName!: string;
  @Column({ type: 'integer' }) totalRows!: number;
  @Column({ type: 'integer' }) validRows!: number;
  @Column({ type: 'integer' }) invalidRows!: number;
  /** The first errors (the preview shows at most this many); counts are exact. */
  @Column({ type: 'simple-json' }) errors!: ImportRowError[];
  @Column({ type: 'simple-json' }) duplicates!: ImportDuplicate[];
  @Column({ type: 'simple-json', nullable: true }) result!: Record<string, number> | null;
  @CreateDateColumn() createdAt!: Date;
  @Column({ type: 'datetime', nullable: true }) committedAt!: Date | null;
}
