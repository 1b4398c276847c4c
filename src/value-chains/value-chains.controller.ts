import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { SubListQuery } from '../certification/dto/sub-list.query';
import { CreateValueChainDto } from './dto/create-value-chain.dto';
import {
  AddParticipantDto,
  CreateDisbursementDto,
  ListValueChainsQuery,
  TransitionDto,
  UpdateValueChainDto,
} from './dto/value-chain-requests.dto';
import { ValueChainResponse } from './dto/value-chain.response';
import { DisbursementResponse, DisbursementsService } from './disbursements.service';
import { ParticipantResponse, ValueChainLifecycleService } from './value-chain-lifecycle.service';
import { ValueChainsService } from './value-chains.service';

@ApiTags('value-chains')
@ApiBearerAuth()
@Controller('value-chains')
export class ValueChainsController {
  constructor(
    private readonly chains: ValueChainsService,
    private readonly lifecycle: ValueChainLifecycleService,
    private readonly payments: DisbursementsService,
  ) {}

  @Post()
  @Roles('admin', 'official', 'cooperative', 'enterprise')
  @ApiCreatedResponse({ type: ValueChainResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateValueChainDto): Promise<ValueChainResponse> {
    return this.chains.create(actor, dto);
  }

  @Get()
  @ApiOkPage(ValueChainResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListValueChainsQuery): Promise<Page<ValueChainResponse>> {
    return this.chains.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ValueChainResponse })
  findOne(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ValueChainResponse> {
    return this.chains.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official', 'cooperative', 'enterprise')
  @ApiOkResponse({ type: ValueChainResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateValueChainDto,
  ): Promise<ValueChainResponse> {
    return this.chains.update(actor, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: ValueChainResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Not a transition of the lifecycle (allowed ones named)',
  })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<ValueChainResponse> {
    return this.lifecycle.transition(actor, id, dto);
  }

  @Post(':id/households')
  @Roles('admin', 'official', 'cooperative')
  @ApiConflictResponse({ type: ErrorBody, description: 'Double support: the conflicting records are listed' })
  addParticipant(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddParticipantDto,
  ): Promise<ParticipantResponse> {
    return this.lifecycle.addParticipant(actor, id, dto);
  }

  @Get(':id/households')
  participants(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SubListQuery,
  ): Promise<Page<ParticipantResponse>> {
    return this.lifecycle.participants(actor, id, q);
  }

  @Post(':id/disbursements')
  @Roles('admin', 'official')
  @ApiConflictResponse({ type: ErrorBody, description: 'Would exceed the budget for that source' })
  disburse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateDisbursementDto,
  ): Promise<DisbursementResponse> {
    return this.payments.disburse(actor, id, dto);
  }

  @Get(':id/disbursements')
  disbursements(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SubListQuery,
  ): Promise<Page<DisbursementResponse>> {
    return this.payments.disbursements(actor, id, q);
  }
}
