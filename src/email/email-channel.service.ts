import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OutboxEvent } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Env } from '../config/env';
import type { Audience } from '../notifications/recipients';
import { insertRows, placeholders } from '../notifications/sql-rows';
import { User } from '../users/user.entity';
import { EmailDelivery } from './email-delivery.entity';
import { renderEventEmail } from './email-templates';

/**
 * Queues the e-mails of routed events, in the dispatcher's transaction: one per recipient with an
 * address who has not switched the event type off for 'email'. Nothing is queued while SMTP_URL is
 * not configured: those e-mails could never go out, and would all be sent at once, long after the
 * fact, the day it is set.
 */
@Injectable()
export class EmailChannel {
  private readonly enabled: boolean;

  constructor(config: ConfigService<Env, true>) {
    this.enabled = Boolean(config.get('SMTP_URL', { infer: true }));
  }

  /**
   * Answers how many e-mails it handed to the queue; one already queued is skipped by the unique key.
   * Each event comes with its audience: its recipients and the channels they switched off for it.
   */
  async enqueue(
    em: EntityManager,
    routed: Array<{ event: OutboxEvent; audience: Audience }>,
  ): Promise<number> {
    if (!this.enabled) return 0;
    const everyone = [...new Set(routed.flatMap((r) => [...r.audience.keys()]))];
    if (!everyone.length) return 0;
    const users = new Map(
      (
        (await em.query(
          `SELECT id, username, fullName, email FROM users WHERE id IN (${placeholders(everyone.length)})
             AND email IS NOT NULL`,
          everyone,
        )) as Array<Pick<User, 'id' | 'username' | 'fullName' | 'email'>>
      ).map((u) => [u.id, u]),
    );
    if (!users.size) return 0;
    const now = new Date();
    const rows = routed.flatMap(({ event, audience }) =>
      [...audience]
        .filter(([userId, off]) => users.has(userId) && !off.includes('email'))
        .map(([userId]) => {
          const user = users.get(userId)!;
          return {
            id: randomUUID(),
            eventId: event.id,
            userId,
            eventType: event.type,
            toAddress: user.email!,
            ...renderEventEmail(event, user),
            status: 'pending' as const,
            attempts: 0,
            nextAttemptAt: now,
            claimedBy: null,
            leaseUntil: null,
            lastError: null,
            sentAt: null,
          };
        }),
    );
    await insertRows(em, EmailDelivery, rows, { orIgnore: true });
    return rows.length;
  }
}
