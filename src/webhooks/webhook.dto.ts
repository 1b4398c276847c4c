import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROUTED_EVENT_TYPES } from '../notifications/recipients';
import { DELIVERY_STATUSES, DeliveryStatus, Webhook, WebhookDelivery } from './webhook.entity';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.example.vn/lienket/events' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(500)
  url!: string;

  @ApiProperty({ description: 'HMAC-SHA256 key the receiver verifies X-Lienket-Signature with' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret!: string;

  @ApiPropertyOptional({ type: [String], description: 'Event types to receive; none = all' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsIn(ROUTED_EVENT_TYPES, { each: true })
  events?: string[];
}

export class ListDeliveriesQuery extends PageQuery(['createdAt'] as const) {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'dead: the dead letters' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export const toWebhookResponse = (w: Webhook) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  active: Boolean(w.active),
  createdAt: w.createdAt,
});

export const toDeliveryResponse = (d: WebhookDelivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastError: d.lastError,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
});
