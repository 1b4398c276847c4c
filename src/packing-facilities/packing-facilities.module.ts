import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { GrowingAreasModule } from '../growing-areas/growing-areas.module';
import { PackingFacilitiesController } from './packing-facilities.controller';
import { PackingFacilitiesService } from './packing-facilities.service';
import { PackingFacilityCertificate } from './packing-facility-certificate';
import { PackingFacilityLifecycleService } from './packing-facility-lifecycle.service';
import { SourceCascade } from './source-cascade';

@Module({
  imports: [CertificationModule, GrowingAreasModule],
  controllers: [PackingFacilitiesController],
  providers: [
    PackingFacilitiesService,
    PackingFacilityLifecycleService,
    PackingFacilityCertificate,
    SourceCascade,
  ],
  exports: [PackingFacilitiesService, PackingFacilityLifecycleService],
})
export class PackingFacilitiesModule {}
