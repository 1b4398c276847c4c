import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { CommunesModule } from '../../communes/communes.module';
import { CooperativesModule } from '../../cooperatives/cooperatives.module';
import { EthnicitiesModule } from '../../ethnicities/ethnicities.module';
import { ForecastsModule } from '../../forecasts/forecasts.module';
import { GrowingAreasModule } from '../../growing-areas/growing-areas.module';
import { HouseholdsModule } from '../../households/households.module';
import { ImportsModule } from '../../imports/imports.module';
import { multerOptions } from '../../imports/upload';
import { MembershipsModule } from '../../memberships/memberships.module';
import { ProductsModule } from '../../products/products.module';
import { SupportModule } from '../../support/support.module';
import { HouseholdPagesController } from './household-pages.controller';
import { ImportPagesController } from './import-pages.controller';
import { MemberPagesController } from './member-pages.controller';
import { MyCodesPagesController } from './my-codes-pages.controller';
import { ReferenceOptions } from './reference-options';

/** The modules whose services the cooperative's pages use (WebModule imports them). */
export const CooperativePagesModules = [
  CommunesModule,
  CooperativesModule,
  EthnicitiesModule,
  ForecastsModule,
  GrowingAreasModule,
  HouseholdsModule,
  ImportsModule,
  MembershipsModule,
  ProductsModule,
  SupportModule,
  // Uploads to temporary files under the API's size limit (FileInterceptor reads these options).
  MulterModule.registerAsync({ inject: [ConfigService], useFactory: multerOptions }),
];

export const CooperativePagesControllers = [
  HouseholdPagesController,
  MemberPagesController,
  MyCodesPagesController,
  ImportPagesController,
];

export const CooperativePagesProviders = [ReferenceOptions];
