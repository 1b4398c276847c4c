import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import type { Programme } from './support-record.entity';

/** Any kind of support: the rule applies whatever the purpose. */
export const ANY_KIND = '*';

/**
 * Whether a household already supported by `existingProgramme` may get the same kind of support
 * from `newProgramme` in the same year. No rule means allowed; officials edit the table.
 */
@Entity('support_rules')
@Index('UQ_support_rules_pair', ['existingProgramme', 'newProgramme', 'kind'], { unique: true })
export class SupportRule {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 16 }) existingProgramme!: Programme;
  @Column({ type: 'varchar', length: 16 }) newProgramme!: Programme;
  @Column({ type: 'varchar', length: 12 }) kind!: string;
  @Column({ type: 'boolean' }) allowed!: boolean;
  @UpdateDateColumn() updatedAt!: Date;
}
