import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Commune } from '../communes/commune.entity';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';

export const ENTERPRISE_KINDS = ['processor', 'trader', 'exporter', 'retailer'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

/** An enterprise (doanh nghiệp) buying from or processing for the value chains. */
@Entity('enterprises')
export class Enterprise extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Index('IDX_enterprises_search_key') @Column({ type: 'varchar', length: 200 }) searchKey!: string;
  @Index('UQ_enterprises_tax_code', { unique: true })
  @Column({ type: 'varchar', length: 14 })
  taxCode!: string;
  @Column({ type: 'varchar', length: 12 }) kind!: EnterpriseKind;
  @Column({ type: 'varchar', length: 255, nullable: true }) address!: string | null;
  @Index('IDX_enterprises_commune') @Column({ type: 'varchar', length: 5, nullable: true }) communeCode!:
    string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) contactName!: string | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'simple-json' }) markets!: string[];
  @ManyToOne(() => Commune, { nullable: true })
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_enterprises_commune' })
  commune?: Commune;
}
