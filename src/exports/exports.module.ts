import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { EthnicitiesModule } from '../ethnicities/ethnicities.module';
import { GrowingAreasModule } from '../growing-areas/growing-areas.module';
import { HouseholdsModule } from '../households/households.module';
import { CertificatesExportService } from './certificates-export.service';
import { ExportsController } from './exports.controller';
import { HouseholdsExportService } from './households-export.service';

@Module({
  imports: [HouseholdsModule, EthnicitiesModule, GrowingAreasModule, ContractsModule],
  controllers: [ExportsController],
  providers: [HouseholdsExportService, CertificatesExportService],
})
export class ExportsModule {}
