import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';

export const AUDIT_ENTITIES = [
  'user',
  'household',
  'cooperative',
  'enterprise',
  'value-chain',
  'growing-area',
  'packing-facility',
  'contract',
  'product',
  'integrity',
  'import',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type AuditValue = string | number | boolean | null | Date | Array<string | number>;
export type AuditChanges = Record<string, { before: AuditValue; after: AuditValue }>;

/** One change to a record, written in the same transaction as the change itself. */
@Entity('audit_log')
@Index('IDX_audit_log_entity', ['entity', 'entityId', 'createdAt'])
@Index('IDX_audit_log_actor', ['actorId', 'createdAt'])
export class AuditLog {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) actorUsername!: string | null;
  @Column({ type: 'varchar', length: 32 }) entity!: AuditEntity;
  @Column({ type: 'varchar', length: 64 }) entityId!: string;
  @Column({ type: 'varchar', length: 32 }) action!: string;
  @Column({ type: 'simple-json', nullable: true }) changes!: AuditChanges | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Index('IDX_audit_log_created') @CreateDateColumn() createdAt!: Date;
}
