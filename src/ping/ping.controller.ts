import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';

class PingResponse {
  @ApiProperty({ example: 'lienket' }) name!: string;
  @ApiProperty({ example: 'v1' }) api!: string;
}

/** The cheapest route through the full pipeline: the baseline the benchmarks compare against. */
@ApiTags('ops')
@Controller()
export class PingController {
  @Public()
  @Get()
  @ApiOkResponse({ type: PingResponse })
  ping(): PingResponse {
    return { name: 'lienket', api: 'v1' };
  }
}
