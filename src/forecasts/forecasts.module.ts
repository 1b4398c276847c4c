import { Module } from '@nestjs/common';
import { GrowingAreasModule } from '../growing-areas/growing-areas.module';
import { CapacityScan } from './capacity-scan.service';
import { ForecastsController } from './forecasts.controller';
import { ForecastsService } from './forecasts.service';

@Module({
  imports: [GrowingAreasModule],
  controllers: [ForecastsController],
  providers: [ForecastsService, CapacityScan],
  exports: [ForecastsService, CapacityScan],
})
export class ForecastsModule {}
