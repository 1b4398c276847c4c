import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthPagesController } from './auth-pages.controller';
import { InboxPageController } from './inbox-page.controller';
import { WebAuthGuard } from './web-auth.guard';
import { WebSession } from './web-session.service';
import { WEB_MOUNT } from './web-routes';

/** The web pages at `/`: server-rendered HTML over the same services (and scoping) as the API. */
@Module({
  imports: [NotificationsModule, RouterModule.register([{ path: WEB_MOUNT, module: WebModule }])],
  controllers: [AuthPagesController, InboxPageController],
  providers: [WebSession, WebAuthGuard],
})
export class WebModule {}
