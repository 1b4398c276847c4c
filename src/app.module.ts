import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AllExceptionsFilter } from '@lienket/http-common';
import { OutboxModule } from '@lienket/outbox';
import { NotificationsModule } from './notifications/notifications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommunesModule } from './communes/communes.module';
import { ContractsModule } from './contracts/contracts.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { SeedsModule } from './database/seeds/seeds.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { EthnicitiesModule } from './ethnicities/ethnicities.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { ForecastsModule } from './forecasts/forecasts.module';
import { GrowingAreasModule } from './growing-areas/growing-areas.module';
import { HouseholdsModule } from './households/households.module';
import { ImportsModule } from './imports/imports.module';
import { IntegrityModule } from './integrity/integrity.module';
import { MembershipsModule } from './memberships/memberships.module';
import { PingController } from './ping/ping.controller';
import { PackingFacilitiesModule } from './packing-facilities/packing-facilities.module';
import { ProductsModule } from './products/products.module';
import { ReportsModule } from './reports/reports.module';
import { RedisModule } from './redis/redis.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ThrottlingModule } from './throttling/throttling.module';
import { ScansModule } from './scans/scans.module';
import { InFlightRequests } from './shutdown/in-flight-requests';
import { WebModule } from './web/web.module';
import { SupplyModule } from './supply/supply.module';
import { SupportModule } from './support/support.module';
import { UsersModule } from './users/users.module';
import { ValueChainsModule } from './value-chains/value-chains.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RedisModule,
    AuditModule,
    OutboxModule,
    AuthModule,
    UsersModule,
    CommunesModule,
    EthnicitiesModule,
    ProductsModule,
    CooperativesModule,
    EnterprisesModule,
    HouseholdsModule,
    MembershipsModule,
    SupportModule,
    IntegrityModule,
    ImportsModule,
    ExportsModule,
    GrowingAreasModule,
    PackingFacilitiesModule,
    ForecastsModule,
    ValueChainsModule,
    ContractsModule,
    SupplyModule,
    ScansModule,
    IdempotencyModule,
    ThrottlingModule,
    WebModule,
    NotificationsModule,
    ReportsModule,
    HealthModule,
    SeedsModule,
  ],
  controllers: [PingController],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    // The root module's enhancers apply before the imported modules': the outermost interceptor.
    InFlightRequests,
    { provide: APP_INTERCEPTOR, useExisting: InFlightRequests },
  ],
})
export class AppModule {}
