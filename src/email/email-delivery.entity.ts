import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { LeasedDeliveryColumns } from '../database/leased-deliveries';
import { UuidPrimaryColumn } from '../database/versioned-entity';

export const EMAIL_STATUSES = ['pending', 'sent', 'dead'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One event's e-mail to one person, rendered when it is queued: a later change of the texts or of
 * the address does not alter a message already due. (eventId, userId) is the idempotency key of the
 * e-mail channel: queuing the same event twice for the same person inserts nothing the second time.
 */
@Entity('email_deliveries')
@Index('UQ_email_deliveries_event_user', ['eventId', 'userId'], { unique: true })
@Index('IDX_email_deliveries_due', ['status', 'nextAttemptAt'])
@Index('IDX_email_deliveries_claim', ['claimedBy'])
export class EmailDelivery extends LeasedDeliveryColumns<EmailStatus> {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 64 }) eventType!: string;
  @Column({ type: 'varchar', length: 254 }) toAddress!: string;
  @Column({ type: 'varchar', length: 255 }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'datetime', nullable: true }) sentAt!: Date | null;
  @CreateDateColumn() createdAt!: Date;
}
