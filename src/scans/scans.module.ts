import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ForecastsModule } from '../forecasts/forecasts.module';
import { ValueChainsModule } from '../value-chains/value-chains.module';
import { PeriodicScans } from './periodic-scans.service';
import { ScanScheduler } from './scan-scheduler.service';
import { ScansController } from './scans.controller';

@Module({
  imports: [CertificationModule, ForecastsModule, ContractsModule, ValueChainsModule],
  controllers: [ScansController],
  providers: [PeriodicScans, ScanScheduler],
  exports: [PeriodicScans, ScanScheduler],
})
export class ScansModule {}
