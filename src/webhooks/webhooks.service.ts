import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { findPage, Page } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';
import { notFound } from '../database/optimistic-update';
import { webhookTargetRefusal } from './address-guard';
import { CreateWebhookDto, ListDeliveriesQuery, toDeliveryResponse, toWebhookResponse } from './webhook.dto';
import { Webhook, WebhookDelivery } from './webhook.entity';

/** Webhook registrations (admin) and their deliveries, dead letters included. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto) {
    if (this.config.get('NODE_ENV', { infer: true }) === 'production') {
      const allow = this.config
        .get('WEBHOOK_ALLOW_HOSTS', { infer: true })
        .split(',')
        .map((h) => h.trim());
      const refusal = await webhookTargetRefusal(dto.url, allow.filter(Boolean));
      if (refusal) throw new UnprocessableEntityException(`Webhook refused: ${refusal}`);
    }
    const row = {
      id: randomUUID(),
      url: dto.url,
      secret: dto.secret,
      events: dto.events ?? null,
      active: true,
      createdBy: actor.id,
    };
    await this.dataSource.getRepository(Webhook).insert(row);
    return toWebhookResponse(await this.dataSource.getRepository(Webhook).findOneByOrFail({ id: row.id }));
  }

  async list() {
    const hooks = await this.dataSource
      .getRepository(Webhook)
      .find({ where: { active: true }, order: { createdAt: 'ASC' } });
    return hooks.map(toWebhookResponse);
  }

  /** Deactivated, not deleted: its deliveries stay for the record. */
  async remove(id: string): Promise<void> {
    const { affected } = await this.dataSource
      .getRepository(Webhook)
      .update({ id, active: true }, { active: false });
    if (!affected) throw notFound('Webhook', id);
  }

  async deliveries(id: string, q: ListDeliveriesQuery): Promise<Page<ReturnType<typeof toDeliveryResponse>>> {
    if (!(await this.dataSource.getRepository(Webhook).existsBy({ id }))) throw notFound('Webhook', id);
    return findPage(
      this.dataSource.getRepository(WebhookDelivery),
      q,
      {
        where: { webhookId: id, ...(q.status ? { status: q.status } : {}) },
        order: { createdAt: 'DESC', id: 'ASC' },
      },
      toDeliveryResponse,
    );
  }
}
