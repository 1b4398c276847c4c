import { Module } from '@nestjs/common';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { HouseholdMergeRegistry } from './household-merge.registry';
import { IntegrityController } from './integrity.controller';
import { IntegrityService } from './integrity.service';

/** Depends on no other domain module: households, memberships and support depend on it. */
@Module({
  controllers: [IntegrityController],
  providers: [IntegrityService, DuplicateDetectionService, HouseholdMergeRegistry],
  exports: [DuplicateDetectionService, HouseholdMergeRegistry, IntegrityService],
})
export class IntegrityModule {}
