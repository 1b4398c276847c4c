import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from '@lienket/http-common';
import { OutboxModule } from '@lienket/outbox';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommunesModule } from './communes/communes.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { SeedsModule } from './database/seeds/seeds.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { EthnicitiesModule } from './ethnicities/ethnicities.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { HouseholdsModule } from './households/households.module';
import { ImportsModule } from './imports/imports.module';
import { IntegrityModule } from './integrity/integrity.module';
import { MembershipsModule } from './memberships/memberships.module';
import { PingController } from './ping/ping.controller';
import { ProductsModule } from './products/products.module';
import { RedisModule } from './redis/redis.module';
import { SupportModule } from './support/support.module';
import { UsersModule } from './users/users.module';

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
    HealthModule,
    SeedsModule,
  ],
  controllers: [PingController],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}
