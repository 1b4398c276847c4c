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
import { ContractsService } from './contracts.service';
import {
  ContractResponse,
  ContractStatusDto,
  CreateContractDto,
  ListContractsQuery,
  UpdateContractDto,
} from './dto/contract.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Roles('admin', 'official', 'enterprise')
  @ApiCreatedResponse({ type: ContractResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContractDto): Promise<ContractResponse> {
    return this.contracts.create(actor, dto);
  }

  @Get()
  @ApiOkPage(ContractResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListContractsQuery): Promise<Page<ContractResponse>> {
    return this.contracts.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ContractResponse })
  findOne(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ContractResponse> {
    return this.contracts.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official', 'enterprise')
  @ApiOkResponse({ type: ContractResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContractDto,
  ): Promise<ContractResponse> {
    return this.contracts.update(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'official', 'enterprise')
  @ApiOkResponse({ type: ContractResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Illegal transition, or the sources cannot cover the volume (shortfall given)',
  })
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ContractStatusDto,
  ): Promise<ContractResponse> {
    return this.contracts.changeStatus(actor, id, dto);
  }
}
