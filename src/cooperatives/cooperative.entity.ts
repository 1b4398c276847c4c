import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Commune } from '../communes/commune.entity';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';

export const COOPERATIVE_STATUSES = ['active', 'suspended', 'dissolved'] as const;
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

/** A cooperative (hợp tác xã, HTX). */
@Entity('cooperatives')
export class Cooperative extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Index('IDX_cooperatives_search_key') @Column({ type: 'varchar', length: 200 }) searchKey!: string;
  @Index('UQ_cooperatives_tax_code', { unique: true })
  @Column({ type: 'varchar', length: 14 })
  taxCode!: string;
  @Index('IDX_cooperatives_commune') @Column({ type: 'varchar', length: 5 }) communeCode!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) address!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) directorName!: string | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) phone!: string | null;
  @Column({ type: 'date', nullable: true }) foundedOn!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: CooperativeStatus;
  @ManyToOne(() => Commune, { nullable: false })
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_cooperatives_commune' })
  commune?: Commune;
}
