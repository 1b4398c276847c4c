import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module';
import { EnterprisePagesModules } from './enterprise/enterprise-pages.modules';
import { AuthPagesController } from './auth-pages.controller';
import {
  CooperativePagesControllers,
  CooperativePagesModules,
  CooperativePagesProviders,
} from './cooperative/cooperative-pages.modules';
import { ContractsPageController } from './enterprise/contracts-page.controller';
import { SupplyPageController } from './enterprise/supply-page.controller';
import { InboxPageController } from './inbox-page.controller';
import {
  OfficialPagesControllers,
  OfficialPagesModules,
  OfficialPagesProviders,
} from './official/official-pages.modules';
import { WebAuthGuard } from './web-auth.guard';
import { WebSession } from './web-session.service';
import { WEB_MOUNT } from './web-routes';

/** The web pages at `/`: server-rendered HTML over the same services (and scoping) as the API. */
@Module({
  imports: [
    NotificationsModule,
    ...EnterprisePagesModules,
    ...OfficialPagesModules,
    ...CooperativePagesModules,
    RouterModule.register([{ path: WEB_MOUNT, module: WebModule }]),
  ],
  controllers: [
    AuthPagesController,
    InboxPageController,
    SupplyPageController,
    ContractsPageController,
    ...CooperativePagesControllers,
    ...OfficialPagesControllers,
  ],
  providers: [WebSession, WebAuthGuard, ...CooperativePagesProviders, ...OfficialPagesProviders],
})
export class WebModule {}
