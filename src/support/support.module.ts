import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { IntegrityModule } from '../integrity/integrity.module';
import { SupportController } from './support.controller';
import { SupportService } from './support.service';

@Module({
  imports: [HouseholdsModule, IntegrityModule],
  controllers: [SupportController],
  providers: [SupportService],
  exports: [SupportService],
})
export class SupportModule {}
