import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { LeasedDeliveryColumns } from '../database/leased-deliveries';
import { UuidPrimaryColumn } from '../database/versioned-entity';

/** A receiver of signed event deliveries, registered by an admin. */
@Entity('webhooks')
export class Webhook {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 500 }) url!: string;
  /** The HMAC key; kept as given because every delivery is signed with it. */
  @Column({ type: 'varchar', length: 200 }) secret!: string;
  /** Event types delivered; null = all. */
  @Column({ type: 'simple-json', nullable: true }) events!: string[] | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  @CreateDateColumn() createdAt!: Date;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one webhook. (webhookId, eventId) is unique: the delivery's id is the idempotency
 * key sent as X-Lienket-Delivery, the same on every retry.
 */
@Entity('webhook_deliveries')
@Index('UQ_webhook_deliveries_event', ['webhookId', 'eventId'], { unique: true })
@Index('IDX_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('IDX_webhook_deliveries_claim', ['claimedBy'])
export class WebhookDelivery extends LeasedDeliveryColumns<DeliveryStatus> {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) webhookId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) eventType!: string;
  @Column({ type: 'datetime', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn() createdAt!: Date;
}
