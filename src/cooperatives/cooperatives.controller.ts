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
import { CooperativesService } from './cooperatives.service';
import { CooperativeResponse } from './dto/cooperative.response';
import { CreateCooperativeDto } from './dto/create-cooperative.dto';
import { ListCooperativesQuery } from './dto/list-cooperatives.query';
import { UpdateCooperativeDto } from './dto/update-cooperative.dto';

@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Post()
  @Roles('admin', 'official')
  @ApiCreatedResponse({ type: CooperativeResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Tax code already registered' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    return this.cooperatives.create(actor, dto);
  }

  @Get()
  @ApiOkPage(CooperativeResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListCooperativesQuery): Promise<Page<CooperativeResponse>> {
    return this.cooperatives.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: CooperativeResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Missing or outside your scope' })
  findOne(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CooperativeResponse> {
    return this.cooperatives.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official', 'cooperative')
  @ApiOkResponse({ type: CooperativeResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Stale version or tax code taken' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCooperativeDto,
  ): Promise<CooperativeResponse> {
    return this.cooperatives.update(actor, id, dto);
  }
}
