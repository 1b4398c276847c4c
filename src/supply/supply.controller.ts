import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SupplyReport, SupplyService } from './supply.service';
import { SupplyQuery } from './supply.query';

@ApiTags('supply')
@ApiBearerAuth()
@Controller('supply')
export class SupplyController {
  constructor(private readonly supplyService: SupplyService) {}

  /** No household data here: sources are codes, communes and cooperatives with volumes. */
  @Get()
  @ApiOkResponse({ description: '{ product, market, from, to, totals, periods, sources }' })
  supply(@Query() q: SupplyQuery): Promise<SupplyReport> {
    return this.supplyService.supply(q);
  }
}
