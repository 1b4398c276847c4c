import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Household } from '../households/household.entity';

export const DUPLICATE_STATUSES = ['open', 'merged', 'dismissed'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/** Two households that are probably one; `householdAId` < `householdBId` so each pair is stored once. */
@Entity('duplicate_pairs')
@Index('UQ_duplicate_pairs_pair', ['householdAId', 'householdBId'], { unique: true })
@Index('IDX_duplicate_pairs_status', ['status', 'score'])
export class DuplicatePair {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) householdAId!: string;
  @Index('IDX_duplicate_pairs_household_b') @Column({ type: 'varchar', length: 36 }) householdBId!: string;
  /** 0–100: how alike the two records are. */
  @Column({ type: 'integer' }) score!: number;
  @Column({ type: 'simple-json' }) matchedFields!: string[];
  @Column({ type: 'varchar', length: 10 }) status!: DuplicateStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) decidedBy!: string | null;
  @Column({ type: 'datetime', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionNote!: string | null;
  @CreateDateColumn() createdAt!: Date;

  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdAId', foreignKeyConstraintName: 'FK_duplicate_pairs_household_a' })
  householdA?: Household;
  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdBId', foreignKeyConstraintName: 'FK_duplicate_pairs_household_b' })
  householdB?: Household;
}
