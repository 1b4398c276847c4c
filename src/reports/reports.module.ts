import { Module } from '@nestjs/common';
import { DisbursementReportService } from './disbursement-report.service';
import { OverviewReportService } from './overview-report.service';
import { ReportsController } from './reports.controller';

@Module({
  controllers: [ReportsController],
  providers: [DisbursementReportService, OverviewReportService],
  exports: [DisbursementReportService, OverviewReportService],
})
export class ReportsModule {}
