import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A POST made with an Idempotency-Key header, per user: the request's fingerprint and, once it has
 * run, the answer replayed to every retry with the same key until it expires.
 */
@Entity('idempotency_keys')
@Index('IDX_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) idempotencyKey!: string;
  /** sha256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 }) requestHash!: string;
  /** Null while the first request is still running. */
  @Column({ type: 'integer', nullable: true }) responseStatus!: number | null;
  @Column({ type: 'text', nullable: true }) responseBody!: string | null;
  @CreateDateColumn() createdAt!: Date;
  @Column({ type: 'datetime' }) expiresAt!: Date;
}
