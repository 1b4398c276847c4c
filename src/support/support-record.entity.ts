import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Household } from '../households/household.entity';

export const PROGRAMMES = ['1719', 'giam-ngheo', 'ntm', 'other'] as const;
export type Programme = (typeof PROGRAMMES)[number];
export const SUPPORT_KINDS = [
  'seedlings',
  'livestock',
  'materials',
  'equipment',
  'training',
  'cash',
  'other',
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** VND amounts are integers that outgrow 32 bits; the driver hands bigint back as a string. */
export const vndTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** What a household received from a programme (hỗ trợ). */
@Entity('support_records')
@Index('IDX_support_records_household_year', ['householdId', 'year'])
@Index('IDX_support_records_programme_year', ['programme', 'year'])
export class SupportRecord {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) householdId!: string;
  @Column({ type: 'varchar', length: 16 }) programme!: Programme;
  @Index('IDX_support_records_value_chain')
  @Column({ type: 'varchar', length: 36, nullable: true })
  valueChainId!: string | null;
  @Column({ type: 'varchar', length: 12 }) kind!: SupportKind;
  @Column({ type: 'bigint', transformer: vndTransformer }) valueVnd!: number;
  @Column({ type: 'date' }) supportedOn!: string;
  /** Calendar year of supportedOn: the period the double-support check compares. */
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'varchar', length: 100, nullable: true }) reference!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) overrideReason!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @CreateDateColumn() createdAt!: Date;

  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdId', foreignKeyConstraintName: 'FK_support_records_household' })
  household?: Household;
}
