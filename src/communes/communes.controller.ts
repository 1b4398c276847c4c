import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import { CommunesService } from './communes.service';
import { CommuneResponse } from './dto/commune.response';
import { ListCommunesQuery } from './dto/list-communes.query';

@ApiTags('communes')
@ApiBearerAuth()
@Controller('communes')
export class CommunesController {
  constructor(private readonly communes: CommunesService) {}

  @Get()
  @ApiOkPage(CommuneResponse)
  list(@Query() q: ListCommunesQuery): Promise<Page<CommuneResponse>> {
    return this.communes.list(q);
  }

  @Get(':code')
  @ApiOkResponse({ type: CommuneResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  findOne(@Param('code') code: string): Promise<CommuneResponse> {
    return this.communes.findOne(code);
  }
}
