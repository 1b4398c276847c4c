import { CertificationModule } from '../../certification/certification.module';
import { CommunesModule } from '../../communes/communes.module';
import { CooperativesModule } from '../../cooperatives/cooperatives.module';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { GrowingAreasModule } from '../../growing-areas/growing-areas.module';
import { IntegrityModule } from '../../integrity/integrity.module';
import { PackingFacilitiesModule } from '../../packing-facilities/packing-facilities.module';
import { ProductsModule } from '../../products/products.module';
import { ReportsModule } from '../../reports/reports.module';
import { ValueChainsModule } from '../../value-chains/value-chains.module';
import { CodesPagesController } from './codes.controller';
import { DashboardPageController } from './dashboard.controller';
import { DuplicatesPagesController } from './duplicates.controller';
import { FacilitiesPagesController } from './facilities.controller';
import { ReferenceLabels } from './reference-labels';
import { ValueChainsPagesController } from './value-chains.controller';

/** The modules whose services the official's and inspector's pages use (WebModule imports them). */
export const OfficialPagesModules = [
  CertificationModule,
  CommunesModule,
  CooperativesModule,
  EnterprisesModule,
  GrowingAreasModule,
  IntegrityModule,
  PackingFacilitiesModule,
  ProductsModule,
  ReportsModule,
  ValueChainsModule,
];

export const OfficialPagesControllers = [
  DashboardPageController,
  CodesPagesController,
  FacilitiesPagesController,
  ValueChainsPagesController,
  DuplicatesPagesController,
];

export const OfficialPagesProviders = [ReferenceLabels];
