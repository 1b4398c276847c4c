import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsHundredths, PageQuery } from '@lienket/http-common';
import { IsNotEmpty, IsOptional, IsPositive, IsString, Max, MaxLength } from 'class-validator';
import { Forecast, Harvest } from '../forecast.entity';
import { DECIMAL_MAX } from '../../database/decimal-column';

export class CreateForecastDto {
  @ApiProperty({ example: 'custard-apple', description: "The code's product" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  productCode!: string;

  @ApiProperty({ example: '2027-08-01' })
  @IsDateOnly()
  periodStart!: string;

  @ApiProperty({ example: '2027-09-30' })
  @IsDateOnly()
  periodEnd!: string;

  @ApiProperty({ example: 45000, description: 'kg (heads for livestock), 2 decimals' })
  @IsHundredths()
  @IsPositive()
  @Max(DECIMAL_MAX)
  volume!: number;
}

export class CreateHarvestDto {
  @ApiPropertyOptional({ example: 'custard-apple', description: "Defaults to the code's product" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productCode?: string;

  @ApiProperty({ example: '2026-08-20' })
  @IsDateOnly()
  harvestedOn!: string;

  @ApiProperty({ example: 12000, description: 'kg (heads for livestock)' })
  @IsHundredths()
  @IsPositive()
  @Max(DECIMAL_MAX)
  volume!: number;
}

export class ListForecastsQuery extends PageQuery(['periodStart', 'createdAt'] as const) {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'Forecasts ending on or after this date' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Forecasts starting on or before this date' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class ForecastResponse {
  @ApiProperty() id!: string;
  @ApiProperty() growingAreaId!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() volume!: number;
  @ApiProperty({ description: 'Harvests recorded on this code within the period' }) harvestedVolume!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Outside the product’s usual harvest months' })
  warning!: string | null;
  @ApiProperty() createdAt!: Date;
}

export const toForecastResponse = (
  f: Forecast,
  harvestedVolume: number,
  warning: string | null,
): ForecastResponse => ({
  id: f.id,
  growingAreaId: f.growingAreaId,
  productCode: f.productCode,
  periodStart: f.periodStart,
  periodEnd: f.periodEnd,
  volume: f.volume,
  harvestedVolume,
  warning,
  createdAt: f.createdAt,
});

export class HarvestResponse {
  @ApiProperty() id!: string;
  @ApiProperty() growingAreaId!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty() harvestedOn!: string;
  @ApiProperty() volume!: number;
  @ApiPropertyOptional({ nullable: true }) warning!: string | null;
  @ApiProperty() createdAt!: Date;
}

export const toHarvestResponse = (h: Harvest, warning: string | null): HarvestResponse => ({
  id: h.id,
  growingAreaId: h.growingAreaId,
  productCode: h.productCode,
  harvestedOn: h.harvestedOn,
  volume: h.volume,
  warning,
  createdAt: h.createdAt,
});
