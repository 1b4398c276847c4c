import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Household } from '../households/household.entity';

export const MEMBER_ROLES = ['member', 'board', 'director'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * A household's membership of a cooperative. Leaving sets `leftOn`; the row stays as history.
 * `activeHouseholdId` equals `householdId` while active and is NULL after leaving, so the unique
 * index allows one active membership per pair and any number of past ones.
 */
@Entity('cooperative_members')
@Index('IDX_cooperative_members_cooperative', ['cooperativeId', 'leftOn'])
@Index('UQ_cooperative_members_active', ['cooperativeId', 'activeHouseholdId'], { unique: true })
@Index('IDX_cooperative_members_search', [
  'cooperativeId',
  'searchKey',
  'activeHouseholdId',
  'communeCode',
  'givenNameKey',
])
@Index('IDX_cooperative_members_given_name', [
  'cooperativeId',
  'givenNameKey',
  'searchKey',
  'activeHouseholdId',
  'communeCode',
])
export class CooperativeMember {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) cooperativeId!: string;
  @Index('IDX_cooperative_members_household') @Column({ type: 'varchar', length: 36 }) householdId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) activeHouseholdId!: string | null;
  @Column({ type: 'varchar', length: 10 }) role!: MemberRole;
  @Column({ type: 'date' }) joinedOn!: string;
  @Column({ type: 'date', nullable: true }) leftOn!: string | null;
  /**
   * Copies of the household's name keys and commune, kept by database triggers (migration
   * 1764892800000) for the cooperative's name search; the application never writes them.
   */
  @Column({ type: 'varchar', length: 120, nullable: true, insert: false, update: false, select: false })
  searchKey!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true, insert: false, update: false, select: false })
  givenNameKey!: string | null;
  @Column({ type: 'varchar', length: 5, nullable: true, insert: false, update: false, select: false })
  communeCode!: string | null;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn() updatedAt!: Date;

  @ManyToOne(() => Cooperative)
  @JoinColumn({ name: 'cooperativeId', foreignKeyConstraintName: 'FK_cooperative_members_cooperative' })
  cooperative?: Cooperative;
  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdId', foreignKeyConstraintName: 'FK_cooperative_members_household' })
  household?: Household;
}
