import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { IntegrityModule } from '../integrity/integrity.module';
import { ContractActivation } from './contract-activation';
import { ContractExpiryScan } from './contract-expiry-scan.service';
import { ContractCascade } from './contract-cascade';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  imports: [CertificationModule, IntegrityModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractActivation, ContractCascade, ContractExpiryScan],
  exports: [ContractsService, ContractExpiryScan],
})
export class ContractsModule {}
