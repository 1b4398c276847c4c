import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiOkPage, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateForecastDto,
  CreateHarvestDto,
  ForecastResponse,
  HarvestResponse,
  ListForecastsQuery,
} from './dto/forecast.dto';
import { ForecastsService } from './forecasts.service';

@ApiTags('forecasts')
@ApiBearerAuth()
@Controller()
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  @Post('growing-areas/:id/forecasts')
  @Roles('admin', 'official', 'cooperative')
  @ApiCreatedResponse({ type: ForecastResponse })
  createForecast(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateForecastDto,
  ): Promise<ForecastResponse> {
    return this.forecasts.createForecast(actor, id, dto);
  }

  @Get('growing-areas/:id/forecasts')
  @ApiOkPage(ForecastResponse)
  listForecasts(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListForecastsQuery,
  ): Promise<Page<ForecastResponse>> {
    return this.forecasts.listForecasts(actor, id, q);
  }

  @Post('growing-areas/:id/harvests')
  @Roles('admin', 'official', 'cooperative')
  @ApiCreatedResponse({ type: HarvestResponse })
  recordHarvest(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateHarvestDto,
  ): Promise<HarvestResponse> {
    return this.forecasts.recordHarvest(actor, id, dto);
  }

  @Get('growing-areas/:id/harvests')
  @ApiOkPage(HarvestResponse)
  listHarvests(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListForecastsQuery,
  ): Promise<Page<HarvestResponse>> {
    return this.forecasts.listHarvests(actor, id, q);
  }
}
