import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ListNotificationsQuery,
  NotificationResponse,
  PreferenceDto,
  PutPreferencesDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOkResponse({ description: '{ items, total, page, limit, unreadCount }' })
  inbox(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.inbox(actor, q);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return this.notifications.markAllRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }

  @Get('notification-preferences')
  @ApiOkResponse({ type: [PreferenceDto] })
  preferences(@CurrentActor() actor: Actor): Promise<PreferenceDto[]> {
    return this.notifications.preferences(actor);
  }

  @Put('notification-preferences')
  @ApiOkResponse({ type: [PreferenceDto] })
  setPreferences(@CurrentActor() actor: Actor, @Body() dto: PutPreferencesDto): Promise<PreferenceDto[]> {
    return this.notifications.setPreferences(actor, dto.preferences);
  }
}
