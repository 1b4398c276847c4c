import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn, VersionedEntity } from '../database/versioned-entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Household } from '../households/household.entity';
import { Product } from '../products/product.entity';
import type { Programme } from '../support/support-record.entity';
import { vndTransformer } from '../support/support-record.entity';

export const VALUE_CHAIN_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'implementing',
  'completed',
  'cancelled',
] as const;
export type ValueChainStatus = (typeof VALUE_CHAIN_STATUSES)[number];
export const BUDGET_SOURCES = ['state', 'counterpart', 'household', 'enterprise'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];
export const CAPITAL_TYPES = ['investment', 'recurrent'] as const;
export type CapitalType = (typeof CAPITAL_TYPES)[number];
/** A budget line without a capital type (every source but a split state budget). */
export const NO_CAPITAL_TYPE = '' as const;

/** A value-chain linkage model (mô hình liên kết theo chuỗi giá trị) for one product. */
@Entity('value_chains')
@Index('IDX_value_chains_status', ['status', 'startsOn'])
@Index('IDX_value_chains_product', ['productCode', 'status'])
@Index('IDX_value_chains_programme', ['programme', 'startsOn'])
@Index('IDX_value_chains_lead_cooperative', ['leadCooperativeId'])
@Index('IDX_value_chains_lead_enterprise', ['leadEnterpriseId'])
@Index('IDX_value_chains_search', ['searchKey'])
export class ValueChain extends VersionedEntity {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 200 }) searchKey!: string;
  @Column({ type: 'varchar', length: 40 }) productCode!: string;
  @Column({ type: 'varchar', length: 12 }) programme!: Programme;
  @Column({ type: 'varchar', length: 36, nullable: true }) leadCooperativeId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) leadEnterpriseId!: string | null;
  @Column({ type: 'date' }) startsOn!: string;
  @Column({ type: 'date' }) endsOn!: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) decisionNumber!: string | null;
  @Column({ type: 'date', nullable: true }) decisionDate!: string | null;
  @Column({ type: 'varchar', length: 12 }) status!: ValueChainStatus;

  @ManyToOne(() => Product)
  @JoinColumn({ name: 'productCode', foreignKeyConstraintName: 'FK_value_chains_product' })
  product?: Product;
  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({ name: 'leadCooperativeId', foreignKeyConstraintName: 'FK_value_chains_lead_cooperative' })
  leadCooperative?: Cooperative;
  @ManyToOne(() => Enterprise, { nullable: true })
  @JoinColumn({ name: 'leadEnterpriseId', foreignKeyConstraintName: 'FK_value_chains_lead_enterprise' })
  leadEnterprise?: Enterprise;
}

/** A partner cooperative or enterprise of a model. */
@Entity('value_chain_partners')
@Index('IDX_value_chain_partners_partner', ['partnerType', 'partnerId'])
export class ValueChainPartner {
  @PrimaryColumn({ type: 'varchar', length: 36 }) valueChainId!: string;
  @PrimaryColumn({ type: 'varchar', length: 12 }) partnerType!: 'cooperative' | 'enterprise';
  @PrimaryColumn({ type: 'varchar', length: 36 }) partnerId!: string;
}

/** A commune the model covers. */
@Entity('value_chain_communes')
@Index('IDX_value_chain_communes_commune', ['communeCode'])
export class ValueChainCommune {
  @PrimaryColumn({ type: 'varchar', length: 36 }) valueChainId!: string;
  @PrimaryColumn({ type: 'varchar', length: 5 }) communeCode!: string;
}

/**
 * One budget line (source, and capital type for split state money) with what has been paid
 * against it: a disbursement adds to `disbursedVnd` only while it stays within `amountVnd`.
 */
@Entity('value_chain_budgets')
export class ValueChainBudget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) valueChainId!: string;
  @PrimaryColumn({ type: 'varchar', length: 12 }) source!: BudgetSource;
  @PrimaryColumn({ type: 'varchar', length: 12 }) capitalType!: CapitalType | typeof NO_CAPITAL_TYPE;
  @Column({ type: 'bigint', transformer: vndTransformer }) amountVnd!: number;
  @Column({ type: 'bigint', default: 0, transformer: vndTransformer }) disbursedVnd!: number;
}

/** A participating household with the area (crops) or herd (livestock) it brings. */
@Entity('value_chain_households')
@Index('IDX_value_chain_households_household', ['householdId'])
export class ValueChainHousehold {
  @PrimaryColumn({ type: 'varchar', length: 36 }) valueChainId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) householdId!: string;
  @DecimalColumn({ nullable: true }) areaHa!: number | null;
  @Column({ type: 'integer', nullable: true }) heads!: number | null;
  @Column({ type: 'date' }) joinedOn!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) overrideReason!: string | null;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdId', foreignKeyConstraintName: 'FK_value_chain_households_household' })
  household?: Household;
}
