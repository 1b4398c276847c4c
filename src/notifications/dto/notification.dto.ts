import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { queryBoolean } from '../../certification/certificate-list';
import { CHANNELS, Channel, Notification } from '../notification.entity';
import { ROUTED_EVENT_TYPES } from '../recipients';

export class ListNotificationsQuery extends PageQuery(['createdAt'] as const) {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'only those about this record (a code, a contract…)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;
}

export class NotificationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'code.suspended' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ example: 'growing-area' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ nullable: true }) readAt!: Date | null;
}

export const toNotificationResponse = (n: Notification): NotificationResponse => ({
  id: n.id,
  type: n.type,
  title: n.title,
  body: n.body,
  entityType: n.entityType,
  entityId: n.entityId,
  data: n.data,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

export class PreferenceDto {
  @ApiProperty({ enum: ROUTED_EVENT_TYPES, example: 'code.suspended' })
  @IsString()
  @MaxLength(64)
  @IsIn(ROUTED_EVENT_TYPES)
  eventType!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;
}

export class PutPreferencesDto {
  @ApiProperty({
    type: [PreferenceDto],
    description: 'The choices to set; others keep their value (on by default)',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences!: PreferenceDto[];
}
