import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class SupplyQuery {
  @ApiProperty({ example: 'custard-apple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  product!: string;

  @ApiProperty({ example: '2027-07-01' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2027-09-30' })
  @IsDateOnly()
  to!: string;

  @ApiPropertyOptional({ example: 'CN', description: 'Export market; absent or VN = domestic supply' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2({ message: 'market must be an ISO 3166 alpha-2 country code' })
  market?: string;

  @ApiPropertyOptional({ example: '06427' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['week', 'month'])
  granularity: 'week' | 'month' = 'month';

  @ApiPropertyOptional({
    type: Number,
    default: 100,
    description: 'How many sources to list (largest available first)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  sourcesLimit: number = 100;
}
