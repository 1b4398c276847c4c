import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CertificateColumns } from '../certification/certificate-columns';
import type { CertificateKind } from '../certification/inspection-schedule';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Enterprise } from '../enterprises/enterprise.entity';

/** A packing facility (cơ sở đóng gói), operated by a cooperative or an enterprise. */
@Entity('packing_facilities')
@Index('UQ_packing_facilities_code', ['code'], { unique: true })
@Index('IDX_packing_facilities_status_due', ['status', 'nextInspectionDue'])
@Index('IDX_packing_facilities_due', ['nextInspectionDue'])
// Lists sort by createdAt: see the growing areas' indexes.
@Index('IDX_packing_facilities_created', ['createdAt'])
@Index('IDX_packing_facilities_status_created', ['status', 'createdAt'])
@Index('IDX_packing_facilities_commune', ['communeCode', 'status', 'createdAt'])
@Index('IDX_packing_facilities_kind', ['kind', 'status', 'createdAt'])
@Index('IDX_packing_facilities_cooperative', ['operatorCooperativeId'])
@Index('IDX_packing_facilities_enterprise', ['operatorEnterpriseId'])
export class PackingFacility extends CertificateColumns {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** `export` when it serves any market outside Việt Nam: sets its inspection interval and sourcing rule. */
  @Column({ type: 'varchar', length: 10 }) kind!: CertificateKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) operatorCooperativeId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) operatorEnterpriseId!: string | null;
  @DecimalColumn() capacityTonnesPerDay!: number;

  @ManyToOne(() => Commune)
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_packing_facilities_commune' })
  commune?: Commune;
  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({
    name: 'operatorCooperativeId',
    foreignKeyConstraintName: 'FK_packing_facilities_cooperative',
  })
  operatorCooperative?: Cooperative;
  @ManyToOne(() => Enterprise, { nullable: true })
  @JoinColumn({ name: 'operatorEnterpriseId', foreignKeyConstraintName: 'FK_packing_facilities_enterprise' })
  operatorEnterprise?: Enterprise;
}
