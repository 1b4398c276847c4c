import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';

export const INSPECTION_RESULTS = ['pass', 'minor', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const CERTIFICATE_TYPES = ['growing-area', 'packing-facility'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** An inspection (kiểm tra, giám sát) of a growing-area code or a packing facility. */
@Entity('inspections')
@Index('IDX_inspections_subject', ['subjectType', 'subjectId', 'inspectedOn'])
export class Inspection {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 20 }) subjectType!: CertificateType;
  @Column({ type: 'varchar', length: 36 }) subjectId!: string;
  @Column({ type: 'date' }) inspectedOn!: string;
  /** The inspecting officer's name as written on the record (SPEC §5a). */
  @Column({ type: 'varchar', length: 120 }) inspector!: string;
  @Column({ type: 'varchar', length: 8 }) result!: InspectionResult;
  @Column({ type: 'text', nullable: true }) findings!: string | null;
  @Column({ type: 'boolean', nullable: true }) residueTestPassed!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) diaryKept!: boolean | null;
  /** The user who recorded it. */
  @Column({ type: 'varchar', length: 36 }) recordedBy!: string;
  @CreateDateColumn() createdAt!: Date;
}
