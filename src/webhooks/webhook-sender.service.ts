import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxEvent } from '@lienket/outbox';
import { createHmac, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Env } from '../config/env';
import { LeasedDeliveries } from '../database/leased-deliveries';
import type { AlongsideRow } from '../notifications/recipients';
import { hydrate, insertRows } from '../notifications/sql-rows';
import { webhookTargetRefusal } from './address-guard';
import { Webhook, WebhookDelivery } from './webhook.entity';

const BATCH = 50;
const LEASE_MS = 30_000;
const TIMEOUT_MS = 5_000;

export const signature = (secret: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/**
 * Signed webhook deliveries (SPEC §5a): queued in the relay's transaction, sent by `sendDue`, retried
 * with exponential backoff and dead-lettered after WEBHOOK_MAX_ATTEMPTS. A delivery is claimed with a
 * lease before the call, so two workers never send it at once, and one that died mid-call is picked
 * up again when the lease ends; receivers de-duplicate on X-Lienket-Delivery.
 */
@Injectable()
export class WebhookSender {
  private readonly deliveries: LeasedDeliveries<WebhookDelivery>;
  private readonly guard: boolean;
  private readonly allowHosts: string[];

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Env, true>,
  ) {
    this.deliveries = new LeasedDeliveries(dataSource.getRepository(WebhookDelivery), {
      leaseMs: LEASE_MS,
      maxAttempts: config.get('WEBHOOK_MAX_ATTEMPTS', { infer: true }),
      retryBaseMs: config.get('WEBHOOK_RETRY_BASE_MS', { infer: true }),
      done: () => ({ status: 'delivered', deliveredAt: new Date() }),
    });
    this.guard = config.get('NODE_ENV', { infer: true }) === 'production';
    this.allowHosts = config
      .get('WEBHOOK_ALLOW_HOSTS', { infer: true })
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
  }

  /**
   * The active webhooks, as rows of (id, info = their event types in JSON): delivery reads them in the
   * routing statement's round trip (audienceOfEach's `alongside`).
   */
  static readonly ACTIVE = 'SELECT id, events AS info FROM webhooks WHERE active = 1';

  /**
   * Inside the delivering transaction: one pending delivery per subscribed webhook and event.
   * `active`: the rows of ACTIVE when the caller read them already.
   */
  async enqueue(em: EntityManager, events: OutboxEvent[], active?: AlongsideRow[]): Promise<void> {
    const found = active ?? ((await em.query(WebhookSender.ACTIVE)) as AlongsideRow[]);
    if (!found.length) return;
    const hooks = hydrate(
      em,
      Webhook,
      found.map((r) => ({ id: r.id, events: r.info })),
    );
    const now = new Date();
    const rows = events.flatMap((event) =>
      hooks
        .filter((h) => !h.events || h.events.includes(event.type))
        .map((h) => ({
          id: randomUUID(),
          webhookId: h.id,
          eventId: event.id,
          eventType: event.type,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          claimedBy: null,
          leaseUntil: null,
          lastError: null,
          deliveredAt: null,
        })),
    );
    await insertRows(em, WebhookDelivery, rows, { orIgnore: true });
  }

  /** Sends the deliveries that are due; answers how many it attempted. */
  async sendDue(): Promise<number> {
    const claimed = await this.deliveries.claimDue(BATCH);
    if (!claimed.length) return 0;
    const hooks = new Map(
      (await this.dataSource.getRepository(Webhook).findBy({ id: In(claimed.map((d) => d.webhookId)) })).map(
        (h) => [h.id, h],
      ),
    );
    const events = new Map(
      (
        await this.dataSource.getRepository(OutboxEvent).findBy({ id: In(claimed.map((d) => d.eventId)) })
      ).map((e) => [e.id, e]),
    );
    await Promise.all(
      claimed.map(async (d) =>
        this.deliveries.settle(d, await this.send(d, hooks.get(d.webhookId), events.get(d.eventId))),
      ),
    );
    return claimed.length;
  }

  /** Null when delivered, else why not. The target is checked at every attempt (DNS may change). */
  private async send(delivery: WebhookDelivery, hook?: Webhook, event?: OutboxEvent): Promise<string | null> {
    if (!hook || !hook.active || !event) return 'webhook or event no longer exists';
    const refusal = this.guard ? await webhookTargetRefusal(hook.url, this.allowHosts) : null;
    return refusal ?? this.post(hook, event, delivery.id);
  }

  /** One POST; null when the receiver answered 2xx, else why not. */
  private async post(hook: Webhook, event: OutboxEvent, deliveryId: string): Promise<string | null> {
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      data: event.payload,
    });
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'x-lienket-event': event.type,
          'x-lienket-delivery': deliveryId,
          'x-lienket-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-lienket-signature': signature(hook.secret, body),
        },
        body,
      });
      // Only the status counts: the answer body is dropped unread (a hostile receiver may stream without end).
      await res.body?.cancel().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
