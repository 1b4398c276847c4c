import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { IsOptional } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { PeriodicScans, ScansRun } from './periodic-scans.service';

class RunScansDto {
  @ApiPropertyOptional({
    example: '2026-11-23',
    description: 'The day to scan as (default: today in Việt Nam)',
  })
  @IsOptional()
  @IsDateOnly()
  today?: string;
}

/**
 * Runs the periodic scans on demand, at once: outside the schedule's once-per-period guard
 * (ScanRuns), since an admin asking now means now. Each subject is still announced once per period.
 */
@ApiTags('scans')
@ApiBearerAuth()
@Controller('scans')
@Roles('admin')
export class ScansController {
  constructor(private readonly scans: PeriodicScans) {}

  @Post('inspections')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Inspection due / overdue, per certificate type' })
  inspections(@Body() dto: RunScansDto) {
    return this.scans.inspections(dto.today);
  }

  @Post('capacity')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Code misuse check for the year of `today`' })
  capacity(@Body() dto: RunScansDto) {
    return this.scans.capacity(dto.today);
  }

  @Post('contracts')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Contracts expiring soon announced, past ones expired' })
  contracts(@Body() dto: RunScansDto) {
    return this.scans.contracts(dto.today);
  }

  @Post('disbursement-lagging')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Models whose disbursement lags their elapsed time' })
  disbursementLagging(@Body() dto: RunScansDto) {
    return this.scans.disbursementLagging(dto.today);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Every scan, as the scheduler runs them' })
  all(@Body() dto: RunScansDto): Promise<ScansRun> {
    return this.scans.runAll(dto.today);
  }
}
