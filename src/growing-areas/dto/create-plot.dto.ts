import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsPositive, IsUUID, Max } from 'class-validator';

export class CreatePlotDto {
  @ApiProperty()
  @IsUUID()
  householdId!: string;

  @ApiProperty({ example: 0.8, description: 'Hectares (2 decimals)' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(100_000)
  areaHa!: number;
}
