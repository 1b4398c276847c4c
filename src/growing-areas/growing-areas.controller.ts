import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import { AuditEntryResponse } from '../audit/dto/audit-entry.response';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ChangeStatusDto } from '../certification/dto/change-status.dto';
import { CreateInspectionDto } from '../certification/dto/create-inspection.dto';
import { InspectionResponse } from '../certification/dto/inspection.response';
import { SubListQuery } from '../certification/dto/sub-list.query';
import { CreateGrowingAreaDto } from './dto/create-growing-area.dto';
import { CreatePlotDto } from './dto/create-plot.dto';
import { GrowingAreaResponse } from './dto/growing-area.response';
import { ListGrowingAreasQuery } from './dto/list-growing-areas.query';
import { PlotResponse } from './dto/plot.response';
import { UpdateGrowingAreaDto } from './dto/update-growing-area.dto';
import { GrowingAreaLifecycleService } from './growing-area-lifecycle.service';
import { GrowingAreasService } from './growing-areas.service';

@ApiTags('growing-areas')
@ApiBearerAuth()
@Controller('growing-areas')
export class GrowingAreasController {
  constructor(
    private readonly areas: GrowingAreasService,
    private readonly lifecycle: GrowingAreaLifecycleService,
  ) {}

  @Post()
  @Roles('admin', 'official')
  @ApiCreatedResponse({ type: GrowingAreaResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Code already registered' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateGrowingAreaDto): Promise<GrowingAreaResponse> {
    return this.areas.create(actor, dto);
  }

  @Get()
  @ApiOkPage(GrowingAreaResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListGrowingAreasQuery): Promise<Page<GrowingAreaResponse>> {
    return this.areas.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: GrowingAreaResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Missing or outside your scope' })
  findOne(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<GrowingAreaResponse> {
    return this.areas.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official')
  @ApiOkResponse({ type: GrowingAreaResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateGrowingAreaDto,
  ): Promise<GrowingAreaResponse> {
    return this.areas.update(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'official', 'inspector')
  @ApiOkResponse({ type: GrowingAreaResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Illegal transition: names the current and allowed states',
  })
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeStatusDto,
  ): Promise<GrowingAreaResponse> {
    return this.lifecycle.changeStatus(actor, id, dto);
  }

  @Post(':id/inspections')
  @Roles('admin', 'official', 'inspector')
  @ApiCreatedResponse({ description: '{ inspection, growingArea }' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  inspect(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateInspectionDto,
  ) {
    return this.lifecycle.recordInspection(actor, id, dto);
  }

  @Get(':id/inspections')
  @ApiOkPage(InspectionResponse)
  inspections(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SubListQuery,
  ): Promise<Page<InspectionResponse>> {
    return this.lifecycle.inspections(actor, id, q);
  }

  @Get(':id/history')
  @ApiOkPage(AuditEntryResponse)
  history(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SubListQuery,
  ): Promise<Page<AuditEntryResponse>> {
    return this.lifecycle.history(actor, id, q);
  }

  @Post(':id/plots')
  @Roles('admin', 'official', 'cooperative')
  @ApiCreatedResponse({ type: PlotResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'Plots would exceed the declared area' })
  addPlot(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreatePlotDto,
  ): Promise<PlotResponse> {
    return this.lifecycle.addPlot(actor, id, dto);
  }

  @Get(':id/plots')
  @ApiOkPage(PlotResponse)
  plots(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SubListQuery,
  ): Promise<Page<PlotResponse>> {
    return this.lifecycle.plots(actor, id, q);
  }
}
