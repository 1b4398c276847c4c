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
export class CooperativeMember {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) cooperativeId!: string;
  @Index('IDX_cooperative_members_household') @Column({ type: 'varchar', length: 36 }) householdId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) activeHouseholdId!: string | null;
  @Column({ type: 'varchar', length: 10 }) role!: MemberRole;
  @Column({ type: 'date' }) joinedOn!: string;
  @Column({ type: 'date', nullable: true }) leftOn!: string | null;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn() updatedAt!: Date;

  @ManyToOne(() => Cooperative)
  @JoinColumn({ name: 'cooperativeId', foreignKeyConstraintName: 'FK_cooperative_members_cooperative' })
  cooperative?: Cooperative;
  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdId', foreignKeyConstraintName: 'FK_cooperative_members_household' })
  household?: Household;
}
