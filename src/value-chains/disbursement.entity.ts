import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { vndTransformer } from '../support/support-record.entity';
import type { BudgetSource, CapitalType } from './value-chain.entity';
import { ValueChain } from './value-chain.entity';

/** Money actually paid out against a model's budget (giải ngân). */
@Entity('disbursements')
@Index('IDX_disbursements_chain_paid', ['valueChainId', 'paidOn'])
@Index('IDX_disbursements_paid', ['paidOn'])
export class Disbursement {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) valueChainId!: string;
  @Column({ type: 'varchar', length: 12 }) source!: BudgetSource;
  @Column({ type: 'varchar', length: 12, nullable: true }) capitalType!: CapitalType | null;
  @Column({ type: 'bigint', transformer: vndTransformer }) amountVnd!: number;
  @Column({ type: 'date' }) paidOn!: string;
  @Column({ type: 'varchar', length: 120, nullable: true }) voucher!: string | null;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => ValueChain)
  @JoinColumn({ name: 'valueChainId', foreignKeyConstraintName: 'FK_disbursements_value_chain' })
  valueChain?: ValueChain;
}
