import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Role } from '../auth/role';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';
import { Enterprise } from '../enterprises/enterprise.entity';

@Entity('users')
export class User extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Index('UQ_users_username', { unique: true }) @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 120 }) fullName!: string;
  /** Where the e-mail channel writes; several accounts may share one mailbox (a cooperative's office). */
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Index('IDX_users_search_key') @Column({ type: 'varchar', length: 120 }) searchKey!: string;
  @Index('IDX_users_role') @Column({ type: 'varchar', length: 16 }) role!: Role;
  @Index('IDX_users_cooperative') @Column({ type: 'varchar', length: 36, nullable: true }) cooperativeId!:
    string | null;
  @Index('IDX_users_enterprise') @Column({ type: 'varchar', length: 36, nullable: true }) enterpriseId!:
    string | null;
  @Column({ type: 'varchar', length: 5, nullable: true }) communeCode!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'datetime', nullable: true }) lastLoginAt!: Date | null;

  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({ name: 'cooperativeId', foreignKeyConstraintName: 'FK_users_cooperative' })
  cooperative?: Cooperative;
  @ManyToOne(() => Enterprise, { nullable: true })
  @JoinColumn({ name: 'enterpriseId', foreignKeyConstraintName: 'FK_users_enterprise' })
  enterprise?: Enterprise;
  @ManyToOne(() => Commune, { nullable: true })
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_users_commune' })
  commune?: Commune;
}
