import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { LeasedDeliveries } from '../database/leased-deliveries';
import { EmailDelivery } from './email-delivery.entity';

const BATCH = 20;
// Longer than a batch can take through the pool (timeouts below), so a live sender keeps its claim.
const LEASE_MS = 5 * 60_000;
const POOL_CONNECTIONS = 5;

type Transporter = ReturnType<typeof createTransport>;

/**
 * Sends the queued e-mails over SMTP (SMTP_URL) from MAIL_FROM: claims the due ones with a lease,
 * retries a failed one with exponential backoff (EMAIL_RETRY_BASE_MS, doubling) and dead-letters it
 * after EMAIL_MAX_ATTEMPTS. Without SMTP_URL it sends nothing, and EmailChannel queues nothing.
 * Delivery is at least once; every attempt of a message carries the same Message-ID and
 * X-Lienket-Idempotency-Key, so receiving systems can drop a repeat.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  /** One pooled transporter per process, reused by every batch. */
  private readonly transporter?: Transporter;
  private readonly from: string;
  private readonly messageIdDomain: string;
  private readonly deliveries: LeasedDeliveries<EmailDelivery>;

  constructor(dataSource: DataSource, config: ConfigService<Env, true>) {
    const url = config.get('SMTP_URL', { infer: true });
    if (url) {
      this.transporter = createTransport({
        url,
        pool: true,
        maxConnections: POOL_CONNECTIONS,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      });
    }
    this.from = config.get('MAIL_FROM', { infer: true });
    this.messageIdDomain = /@([A-Za-z0-9.-]+)/.exec(this.from)?.[1] ?? 'lienket.local';
    this.deliveries = new LeasedDeliveries(dataSource.getRepository(EmailDelivery), {
      leaseMs: LEASE_MS,
      maxAttempts: config.get('EMAIL_MAX_ATTEMPTS', { infer: true }),
      retryBaseMs: config.get('EMAIL_RETRY_BASE_MS', { infer: true }),
      done: () => ({ status: 'sent', sentAt: new Date() }),
    });
  }

  /** Sends the e-mails that are due; answers how many went out. */
  async sendDue(): Promise<number> {
    if (!this.transporter) return 0;
    const claimed = await this.deliveries.claimDue(BATCH);
    const outcomes = await Promise.all(
      claimed.map(async (delivery) => {
        const error = await this.send(delivery);
        await this.deliveries.settle(delivery, error);
        return !error;
      }),
    );
    return outcomes.filter(Boolean).length;
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  /** Null when the SMTP server accepted the message, else why not. */
  private async send(delivery: EmailDelivery): Promise<string | null> {
    try {
      await this.transporter!.sendMail({
        from: this.from,
        to: delivery.toAddress,
        subject: delivery.subject,
        text: delivery.body,
        messageId: `<${delivery.eventId}.${delivery.userId}@${this.messageIdDomain}>`,
        headers: { 'X-Lienket-Idempotency-Key': `${delivery.eventId}:${delivery.userId}:email` },
      });
      return null;
    } catch (error) {
      this.logger.warn({ msg: 'e-mail not sent', deliveryId: delivery.id, error: (error as Error).message });
      return (error as Error).message;
    }
  }
}
