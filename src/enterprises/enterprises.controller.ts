import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { EnterprisesService } from './enterprises.service';
import { EnterpriseResponse } from './dto/enterprise.response';
import { CreateEnterpriseDto } from './dto/create-enterprise.dto';
import { ListEnterprisesQuery } from './dto/list-enterprises.query';
import { UpdateEnterpriseDto } from './dto/update-enterprise.dto';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post()
  @Roles('admin', 'official')
  @ApiCreatedResponse({ type: EnterpriseResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Tax code already registered' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEnterpriseDto): Promise<EnterpriseResponse> {
    return this.enterprises.create(actor, dto);
  }

  @Get()
  @ApiOkPage(EnterpriseResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListEnterprisesQuery): Promise<Page<EnterpriseResponse>> {
    return this.enterprises.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Missing or outside your scope' })
  findOne(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<EnterpriseResponse> {
    return this.enterprises.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official', 'enterprise')
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Stale version or tax code taken' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEnterpriseDto,
  ): Promise<EnterpriseResponse> {
    return this.enterprises.update(actor, id, dto);
  }
}
