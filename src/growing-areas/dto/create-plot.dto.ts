import { ApiProperty } from '@nestjs/swagger';
import { IsHundredths } from '@lienket/http-common';
import { IsPositive, IsUUID, Max } from 'class-validator';

export class CreatePlotDto {
  @ApiProperty()
  @IsUUID()
  householdId!: string;

  @ApiProperty({ example: 0.8, description: 'Hectares (2 decimals)' })
  @IsHundredths()
  @IsPositive()
  @Max(100_000)
  areaHa!: number;
}
