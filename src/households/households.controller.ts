import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateHouseholdDto } from './dto/create-household.dto';
import { DeleteHouseholdDto } from './dto/delete-household.dto';
import { HouseholdResponse } from './dto/household.response';
import { ListHouseholdsQuery } from './dto/list-households.query';
import { UpdateHouseholdDto } from './dto/update-household.dto';
import { HouseholdsService } from './households.service';

/** Household personal data: enterprises and inspectors have no access (SPEC §1). */
@ApiTags('households')
@ApiBearerAuth()
@Roles('admin', 'official', 'cooperative')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  @ApiCreatedResponse({ type: HouseholdResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'CCCD already registered' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    return this.households.create(actor, dto);
  }

  @Get()
  @ApiOkPage(HouseholdResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    return this.households.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: HouseholdResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Missing or outside your scope' })
  findOne(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<HouseholdResponse> {
    return this.households.findOne(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: HouseholdResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Stale version or CCCD taken' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateHouseholdDto,
  ): Promise<HouseholdResponse> {
    return this.households.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Soft-deleted; the reason is audited' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeleteHouseholdDto,
  ): Promise<void> {
    return this.households.remove(actor, id, dto);
  }
}
