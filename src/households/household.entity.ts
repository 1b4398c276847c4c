import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Commune } from '../communes/commune.entity';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
/** Multidimensional poverty standard: poor, near-poor, escaped (thoát nghèo), average income, none. */
export const POVERTY_STATUSES = ['poor', 'near_poor', 'escaped', 'average', 'none'] as const;
export type PovertyStatus = (typeof POVERTY_STATUSES)[number];

/**
 * A household (hộ), represented by its head. The search keys are set from the name on every write:
 * SQLite and MariaDB fold accents differently, so folding happens in code (libs/vn-identity). On
 * MySQL/MariaDB the key columns are utf8mb4_bin (migration BinaryNameKeys): already folded, they
 * compare byte for byte, as on SQLite.
 */
@Entity('households')
// deletedAt rides along so that counting matches needs no row lookups (index condition pushdown).
@Index('IDX_households_commune_search', ['communeCode', 'searchKey', 'deletedAt'])
@Index('IDX_households_commune_given_name', ['communeCode', 'givenNameKey', 'deletedAt'])
/**
 * Candidates for the probable-duplicate check share commune and birth year (and usually village);
 * deletedAt and searchKey ride along so that finding them reads the index only.
 */
@Index('IDX_households_duplicate_block', ['communeCode', 'birthYear', 'villageKey', 'deletedAt', 'searchKey'])
export class Household extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 120 }) headName!: string;
  /** Folded full name: "nguyen thi dao". */
  @Index('IDX_households_search_key') @Column({ type: 'varchar', length: 120 }) searchKey!: string;
  /** Folded given name (the last word), so "dao" finds "Nguyễn Thị Đào" by prefix too. */
  @Index('IDX_households_given_name_key') @Column({ type: 'varchar', length: 40 }) givenNameKey!: string;
  @Index('UQ_households_national_id', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  nationalId!: string;
  @Column({ type: 'varchar', length: 6 }) gender!: Gender;
  @Column({ type: 'integer' }) birthYear!: number;
  @Index('IDX_households_ethnicity') @Column({ type: 'varchar', length: 2 }) ethnicity!: string;
  @Column({ type: 'varchar', length: 12, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 5 }) communeCode!: string;
  @Column({ type: 'varchar', length: 120, nullable: true }) village!: string | null;
  /** Folded village, for the probable-duplicate check. */
  @Column({ type: 'varchar', length: 120, nullable: true }) villageKey!: string | null;
  @Column({ type: 'integer' }) memberCount!: number;
  @Index('IDX_households_poverty') @Column({ type: 'varchar', length: 10 }) povertyStatus!: PovertyStatus;
  @Column({ type: 'integer', nullable: true }) povertyAssessedYear!: number | null;
  @Column({ type: 'date', nullable: true }) consentGivenOn!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) consentScope!: string | null;
  @Index('IDX_households_deleted') @Column({ type: 'datetime', nullable: true }) deletedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) deletedReason!: string | null;

  @ManyToOne(() => Commune)
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_households_commune' })
  commune?: Commune;
  @ManyToOne(() => Ethnicity)
  @JoinColumn({ name: 'ethnicity', foreignKeyConstraintName: 'FK_households_ethnicity' })
  ethnicityRef?: Ethnicity;
}
