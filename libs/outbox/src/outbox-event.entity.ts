import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it describes (transactional
 * outbox). A relay publishes unpublished rows to the queue (publishedAt); a worker delivers them to
 * every channel (deliveredAt). The row, not the queue, is the truth: a published event that stays
 * undelivered is published again by the sweeper.
 */
@Entity('outbox_events')
@Index('IDX_outbox_events_unpublished', ['publishedAt', 'occurredAt'])
@Index('IDX_outbox_events_undelivered', ['deliveredAt', 'publishedAt'])
@Index('IDX_outbox_events_aggregate', ['aggregateType', 'aggregateId'])
export class OutboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36, generated: 'uuid' }) id!: string;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ type: 'varchar', length: 32 }) aggregateType!: string;
  @Column({ type: 'varchar', length: 64 }) aggregateId!: string;
  @Column({ type: 'simple-json' }) payload!: Record<string, unknown>;
  @CreateDateColumn() occurredAt!: Date;
  @Column({ type: 'datetime', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'datetime', nullable: true }) deliveredAt!: Date | null;
}
