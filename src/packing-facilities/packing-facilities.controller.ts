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
import { CreatePackingFacilityDto } from './dto/create-packing-facility.dto';
import { ListPackingFacilitiesQuery } from './dto/list-packing-facilities.query';
import { FacilitySourceResponse, PackingFacilityResponse } from './dto/packing-facility.response';
import { UpdatePackingFacilityDto } from './dto/update-packing-facility.dto';
import { PackingFacilitiesService } from './packing-facilities.service';
import { PackingFacilityLifecycleService } from './packing-facility-lifecycle.service';

@ApiTags('packing-facilities')
@ApiBearerAuth()
@Controller('packing-facilities')
export class PackingFacilitiesController {
  constructor(
    private readonly facilities: PackingFacilitiesService,
    private readonly lifecycle: PackingFacilityLifecycleService,
  ) {}

  @Post()
  @Roles('admin', 'official')
  @ApiCreatedResponse({ type: PackingFacilityResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'Code already registered' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreatePackingFacilityDto,
  ): Promise<PackingFacilityResponse> {
    return this.facilities.create(actor, dto);
  }

  @Get()
  @ApiOkPage(PackingFacilityResponse)
  list(
    @CurrentActor() actor: Actor,
    @Query() q: ListPackingFacilitiesQuery,
  ): Promise<Page<PackingFacilityResponse>> {
    return this.facilities.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: PackingFacilityResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Missing or outside your scope' })
  findOne(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PackingFacilityResponse> {
    return this.facilities.findOne(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'official')
  @ApiOkResponse({ type: PackingFacilityResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePackingFacilityDto,
  ): Promise<PackingFacilityResponse> {
    return this.facilities.update(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'official', 'inspector')
  @ApiOkResponse({ type: PackingFacilityResponse })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'Illegal transition: names the current and allowed states',
  })
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeStatusDto,
  ): Promise<PackingFacilityResponse> {
    return this.lifecycle.changeStatus(actor, id, dto);
  }

  @Post(':id/inspections')
  @Roles('admin', 'official', 'inspector')
  @ApiCreatedResponse({ description: '{ inspection, packingFacility }' })
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

  @Get(':id/sources')
  @ApiOkResponse({ type: [FacilitySourceResponse] })
  sources(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FacilitySourceResponse[]> {
    return this.lifecycle.sources(actor, id);
  }

  @Post(':id/sources/:growingAreaId')
  @Roles('admin', 'official')
  @ApiCreatedResponse({ type: FacilitySourceResponse })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'The sourcing rule refuses this code (reason given)',
  })
  addSource(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('growingAreaId', ParseUUIDPipe) growingAreaId: string,
  ): Promise<FacilitySourceResponse> {
    return this.lifecycle.addSource(actor, id, growingAreaId);
  }

  @Delete(':id/sources/:growingAreaId')
  @HttpCode(204)
  @Roles('admin', 'official')
  @ApiNoContentResponse()
  removeSource(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('growingAreaId', ParseUUIDPipe) growingAreaId: string,
  ): Promise<void> {
    return this.lifecycle.removeSource(actor, id, growingAreaId);
  }
}
