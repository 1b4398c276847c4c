import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthPagesController } from './auth-pages.controller';
import { InboxPageController } from './inbox-page.controller';
import { WebAuthGuard } from './web-auth.guard';
import { WebSession } from './web-session.service';

/** The web pages at `/`: server-rendered HTML over the same services (and scoping) as the API. */
@Module({
  imports: [NotificationsModule],
  controllers: [AuthPagesController, InboxPageController],
  providers: [WebSession, WebAuthGuard],
})
export class WebModule {}
