import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { UuidPrimaryColumn } from '../database/versioned-entity';

/**
 * An in-app notification (SPEC §5a). (eventId, userId) is the idempotency key of the in-app
 * channel: delivering the same event twice to the same person inserts nothing the second time.
 */
@Entity('notifications')
@Index('UQ_notifications_event_user', ['eventId', 'userId'], { unique: true })
@Index('IDX_notifications_inbox', ['userId', 'readAt', 'createdAt'])
@Index('IDX_notifications_user_created', ['userId', 'createdAt'])
@Index('IDX_notifications_user_entity', ['userId', 'entityId', 'createdAt'])
export class Notification {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 1000 }) body!: string;
  @Column({ type: 'varchar', length: 32 }) entityType!: string;
  @Column({ type: 'varchar', length: 64 }) entityId!: string;
  @Column({ type: 'simple-json' }) data!: Record<string, unknown>;
  @CreateDateColumn() createdAt!: Date;
  @Column({ type: 'datetime', nullable: true }) readAt!: Date | null;
}

export const CHANNELS = ['in-app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A person's choice for one event type and channel; no row means on. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) eventType!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) channel!: Channel;
  @Column({ type: 'boolean' }) enabled!: boolean;
}
