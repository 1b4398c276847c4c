import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificationModule } from '../certification/certification.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ForecastsModule } from '../forecasts/forecasts.module';
import { PackingFacilitiesModule } from '../packing-facilities/packing-facilities.module';
import { ValueChainsModule } from '../value-chains/value-chains.module';
import { PeriodicScans } from './periodic-scans.service';
import { ScanRun } from './scan-run.entity';
import { ScanRuns } from './scan-runs.service';
import { ScanScheduler } from './scan-scheduler.service';
import { ScansController } from './scans.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([ScanRun]),
    CertificationModule,
    ForecastsModule,
    ContractsModule,
    ValueChainsModule,
    // Registers the facilities' inspection scan: without it the worker process scans codes only.
    PackingFacilitiesModule,
  ],
  controllers: [ScansController],
  providers: [PeriodicScans, ScanRuns, ScanScheduler],
  exports: [PeriodicScans, ScanRuns, ScanScheduler],
})
export class ScansModule {}
