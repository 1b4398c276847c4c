import { EntityManager, In } from 'typeorm';
import { Channel, NotificationPreference } from './notification.entity';

/**
 * Who switched which of these event types off on the channel, read in one query for a whole batch
 * (no row means on). Answers a test: is this event type off for this person?
 */
export async function switchedOff(
  em: EntityManager,
  channel: Channel,
  userIds: string[],
  eventTypes: string[],
): Promise<(userId: string, eventType: string) => boolean> {
  const off = new Set(
    (
      await em.find(NotificationPreference, {
        where: { userId: In(userIds), eventType: In([...new Set(eventTypes)]), channel, enabled: false },
        select: { userId: true, eventType: true },
      })
    ).map((p) => `${p.userId}|${p.eventType}`),
  );
  return (userId, eventType) => off.has(`${userId}|${eventType}`);
}
