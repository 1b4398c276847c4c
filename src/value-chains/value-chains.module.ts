import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { DisbursementLagScan } from './disbursement-lag-scan.service';
import { DisbursementsService } from './disbursements.service';
import { ValueChainLifecycleService } from './value-chain-lifecycle.service';
import { ValueChainsController } from './value-chains.controller';
import { ValueChainsService } from './value-chains.service';

@Module({
  imports: [HouseholdsModule],
  controllers: [ValueChainsController],
  providers: [ValueChainsService, ValueChainLifecycleService, DisbursementsService, DisbursementLagScan],
  exports: [ValueChainsService, DisbursementLagScan, DisbursementsService],
})
export class ValueChainsModule {}
