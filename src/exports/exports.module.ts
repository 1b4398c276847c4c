import { Module } from '@nestjs/common';
import { EthnicitiesModule } from '../ethnicities/ethnicities.module';
import { HouseholdsModule } from '../households/households.module';
import { ExportsController } from './exports.controller';
import { HouseholdsExportService } from './households-export.service';

@Module({
  imports: [HouseholdsModule, EthnicitiesModule],
  controllers: [ExportsController],
  providers: [HouseholdsExportService],
})
export class ExportsModule {}
