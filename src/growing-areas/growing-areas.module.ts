import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { HouseholdsModule } from '../households/households.module';
import { IntegrityModule } from '../integrity/integrity.module';
import { GrowingAreaCertificate } from './growing-area-certificate';
import { GrowingAreaLifecycleService } from './growing-area-lifecycle.service';
import { GrowingAreasController } from './growing-areas.controller';
import { GrowingAreasService } from './growing-areas.service';
import { PlotsMergeStep } from './plots-merge.step';

@Module({
  imports: [CertificationModule, HouseholdsModule, IntegrityModule],
  controllers: [GrowingAreasController],
  providers: [GrowingAreasService, GrowingAreaLifecycleService, GrowingAreaCertificate, PlotsMergeStep],
  exports: [GrowingAreasService, GrowingAreaLifecycleService],
})
export class GrowingAreasModule {}
