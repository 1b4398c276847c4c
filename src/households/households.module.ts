import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { EthnicitiesModule } from '../ethnicities/ethnicities.module';
import { IntegrityModule } from '../integrity/integrity.module';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { MemberCountCache } from './member-count-cache';

@Module({
  imports: [CooperativesModule, EthnicitiesModule, IntegrityModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsService, MemberCountCache],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}
