import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { IntegrityModule } from '../integrity/integrity.module';
import { CooperativeImportService } from './cooperative-import.service';
import { HouseholdImportCommitService } from './household-import-commit.service';
import { HouseholdImportPreviewService } from './household-import-preview.service';
import { ImportsController } from './imports.controller';
import { multerOptions } from './upload';

@Module({
  imports: [
    CooperativesModule,
    IntegrityModule,
    MulterModule.registerAsync({ inject: [ConfigService], useFactory: multerOptions }),
  ],
  controllers: [ImportsController],
  providers: [HouseholdImportPreviewService, HouseholdImportCommitService, CooperativeImportService],
  exports: [HouseholdImportPreviewService, HouseholdImportCommitService],
})
export class ImportsModule {}
