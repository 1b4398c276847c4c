import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module';
import { WebhookSender } from '../webhooks/webhook-sender.service';
import { WebhooksController } from '../webhooks/webhooks.controller';
import { WebhooksService } from '../webhooks/webhooks.service';
import { EventDelivery } from './event-delivery.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotifyQueue } from './notify-queue';
import { OutboxRelay } from './outbox-relay.service';

/** Delivery of domain events: the relay, the queue, the in-app inbox and the webhooks. */
@Module({
  imports: [EmailModule],
  controllers: [NotificationsController, WebhooksController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    EventDelivery,
    NotifyQueue,
    OutboxRelay,
    WebhooksService,
    WebhookSender,
  ],
  exports: [OutboxRelay, NotificationDispatcher, NotificationsService, WebhookSender],
})
export class NotificationsModule {}
