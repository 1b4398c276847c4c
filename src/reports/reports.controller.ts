import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { DisbursementReportQuery } from '../value-chains/dto/value-chain-requests.dto';
import { DisbursementReport, DisbursementReportService } from './disbursement-report.service';
import { OverviewReport, OverviewReportService } from './overview-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly disbursement: DisbursementReportService,
    private readonly overviewReport: OverviewReportService,
  ) {}

  @Get('overview')
  @ApiOkResponse({
    description: 'Per product: models, households, hectares, heads; codes and facilities by status',
  })
  overview(): Promise<OverviewReport> {
    return this.overviewReport.overview();
  }

  @Get('disbursement')
  @Roles('admin', 'official')
  @ApiOkResponse({ description: 'Plan versus disbursed by programme, source and capital type' })
  disbursementReport(@Query() q: DisbursementReportQuery): Promise<DisbursementReport> {
    return this.disbursement.report(q.year, q.programme);
  }
}
