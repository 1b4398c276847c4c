import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Product } from '../products/product.entity';
import { vndTransformer } from '../support/support-record.entity';

export const CONTRACT_STATUSES = ['draft', 'active', 'fulfilled', 'cancelled', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** A linkage contract (hợp đồng liên kết / bao tiêu) between an enterprise and a cooperative or household. */
@Entity('contracts')
@Index('IDX_contracts_enterprise', ['enterpriseId', 'status'])
@Index('IDX_contracts_cooperative', ['cooperativeId', 'status'])
@Index('IDX_contracts_household', ['householdId'])
@Index('IDX_contracts_product_window', ['productCode', 'status', 'deliveryFrom'])
@Index('IDX_contracts_status_to', ['status', 'deliveryTo'])
export class Contract extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) enterpriseId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) cooperativeId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) householdId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) valueChainId!: string | null;
  @Column({ type: 'varchar', length: 40 }) productCode!: string;
  @DecimalColumn() volume!: number;
  @Column({ type: 'varchar', length: 8 }) unit!: 'kg' | 'head';
  @Column({ type: 'bigint', nullable: true, transformer: vndTransformer }) priceVndPerUnit!: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: vndTransformer }) floorPriceVndPerUnit!:
    number | null;
  /** With a floor price: the market price the contract follows (e.g. "giá chợ đầu mối Chi Lăng"). */
  @Column({ type: 'varchar', length: 200, nullable: true }) marketReference!: string | null;
  @Column({ type: 'date' }) deliveryFrom!: string;
  @Column({ type: 'date' }) deliveryTo!: string;
  @Column({ type: 'varchar', length: 10 }) status!: ContractStatus;

  @ManyToOne(() => Enterprise)
  @JoinColumn({ name: 'enterpriseId', foreignKeyConstraintName: 'FK_contracts_enterprise' })
  enterprise?: Enterprise;
  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({ name: 'cooperativeId', foreignKeyConstraintName: 'FK_contracts_cooperative' })
  cooperative?: Cooperative;
  @ManyToOne(() => Product)
  @JoinColumn({ name: 'productCode', foreignKeyConstraintName: 'FK_contracts_product' })
  product?: Product;
}

/**
 * A source code of a contract and the volume committed from it (set on activation). `atRiskSince`
 * is set while the code is suspended or revoked (the cascade) and cleared on reinstatement.
 */
@Entity('contract_sources')
@Index('IDX_contract_sources_area', ['growingAreaId'])
export class ContractSource {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @DecimalColumn({ default: 0 }) committedVolume!: number;
  @Column({ type: 'datetime', nullable: true }) atRiskSince!: Date | null;
  @Column({ type: 'varchar', length: 600, nullable: true }) atRiskReason!: string | null;
  @ManyToOne(() => Contract)
  @JoinColumn({ name: 'contractId', foreignKeyConstraintName: 'FK_contract_sources_contract' })
  contract?: Contract;
  @ManyToOne(() => GrowingArea)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_contract_sources_area' })
  growingArea?: GrowingArea;
}
