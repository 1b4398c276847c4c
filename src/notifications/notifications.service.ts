import { Injectable } from '@nestjs/common';
import { Page } from '@lienket/http-common';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor';
import { notFound } from '../database/optimistic-update';
import {
  ListNotificationsQuery,
  NotificationResponse,
  PreferenceDto,
  toNotificationResponse,
} from './dto/notification.dto';
import { Channel, CHANNELS, Notification, NotificationPreference } from './notification.entity';
import { ROUTED_EVENT_TYPES } from './recipients';

/** The caller's inbox and channel choices; a notification of someone else answers 404. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async inbox(
    actor: Actor,
    q: ListNotificationsQuery,
  ): Promise<Page<NotificationResponse> & { unreadCount: number }> {
    const repo = this.dataSource.getRepository(Notification);
    const where = {
      userId: actor.id,
      ...(q.unread ? { readAt: IsNull() } : {}),
      ...(q.entityId ? { entityId: q.entityId } : {}),
    };
    const [items, total, unreadCount] = await Promise.all([
      repo.find({
        where,
        order: { createdAt: q.sort === 'createdAt' ? 'ASC' : 'DESC', id: 'DESC' },
        skip: (q.page - 1) * q.limit,
        take: q.limit,
      }),
      repo.count({ where }),
      repo.count({ where: { userId: actor.id, readAt: IsNull() } }),
    ]);
    return { items: items.map(toNotificationResponse), total, page: q.page, limit: q.limit, unreadCount };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationResponse> {
    const repo = this.dataSource.getRepository(Notification);
    const found = await repo.findOneBy({ id, userId: actor.id });
    if (!found) throw notFound('Notification', id);
    if (!found.readAt) {
      found.readAt = new Date();
      await repo.update({ id, userId: actor.id, readAt: IsNull() }, { readAt: found.readAt });
    }
    return toNotificationResponse(found);
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const { affected } = await this.dataSource
      .getRepository(Notification)
      .update({ userId: actor.id, readAt: IsNull() }, { readAt: new Date() });
    return { marked: affected ?? 0 };
  }

  /** Every routed event type × channel, with the caller's choice (on unless switched off). */
  async preferences(actor: Actor): Promise<PreferenceDto[]> {
    const saved = await this.dataSource.getRepository(NotificationPreference).findBy({ userId: actor.id });
    const choice = (eventType: string, channel: Channel) =>
      saved.find((p) => p.eventType === eventType && p.channel === channel)?.enabled ?? true;
    return ROUTED_EVENT_TYPES.flatMap((eventType) =>
      CHANNELS.map((channel) => ({ eventType, channel, enabled: Boolean(choice(eventType, channel)) })),
    );
  }

  async setPreferences(actor: Actor, preferences: PreferenceDto[]): Promise<PreferenceDto[]> {
    await this.dataSource.transaction(async (em) => {
      for (const p of preferences) {
        await em.upsert(
          NotificationPreference,
          { userId: actor.id, eventType: p.eventType, channel: p.channel, enabled: p.enabled },
          ['userId', 'eventType', 'channel'],
        );
      }
    });
    return this.preferences(actor);
  }
}
