import { ContractsModule } from '../../contracts/contracts.module';
import { CooperativesModule } from '../../cooperatives/cooperatives.module';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { GrowingAreasModule } from '../../growing-areas/growing-areas.module';
import { ProductsModule } from '../../products/products.module';
import { SupplyModule } from '../../supply/supply.module';

/** The modules whose services the supply and contract pages use (WebModule imports them). */
export const EnterprisePagesModules = [
  SupplyModule,
  ContractsModule,
  ProductsModule,
  CooperativesModule,
  EnterprisesModule,
  GrowingAreasModule,
];
