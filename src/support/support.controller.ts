import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateSupportDto } from './dto/create-support.dto';
import { ListHouseholdSupportQuery, ListSupportQuery } from './dto/list-support.query';
import { SupportResponse } from './dto/support.response';
import { SupportService } from './support.service';

@ApiTags('support')
@ApiBearerAuth()
@Roles('admin', 'official', 'cooperative')
@Controller()
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Post('households/:id/support')
  @ApiCreatedResponse({ type: SupportResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Double support: the body lists the conflicting records in `conflicts`',
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateSupportDto,
  ): Promise<SupportResponse> {
    return this.support.record(actor, id, dto);
  }

  @Get('households/:id/support')
  @ApiOkPage(SupportResponse)
  listForHousehold(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListHouseholdSupportQuery,
  ): Promise<Page<SupportResponse>> {
    return this.support.listForHousehold(actor, id, q);
  }

  @Get('support')
  @ApiOkPage(SupportResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListSupportQuery): Promise<Page<SupportResponse>> {
    return this.support.list(actor, q);
  }
}
