import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsHundredths } from '@lienket/http-common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
} from 'class-validator';
import { upperCaseAll } from '../../growing-areas/dto/create-growing-area.dto';

export class CreatePackingFacilityDto {
  @ApiProperty({ example: 'VN-LSPH-001', description: 'The code as issued (format: SPEC §3, configurable)' })
  @IsString()
  @MaxLength(32)
  code!: string;

  @ApiProperty({ example: 'Cơ sở đóng gói na Chi Lăng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '06427' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ description: 'Operator, when a cooperative (exactly one operator)' })
  @IsOptional()
  @IsUUID()
  operatorCooperativeId?: string;

  @ApiPropertyOptional({ description: 'Operator, when an enterprise (exactly one operator)' })
  @IsOptional()
  @IsUUID()
  operatorEnterpriseId?: string;

  @ApiProperty({ type: [String], example: ['custard-apple'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  productCodes!: string[];

  @ApiProperty({
    type: [String],
    example: ['CN', 'VN'],
    description: 'ISO 3166 alpha-2; any but VN makes it an export facility',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Transform(upperCaseAll)
  @IsISO31661Alpha2({ each: true, message: 'each value in markets must be an ISO 3166 alpha-2 country code' })
  markets!: string[];

  @ApiProperty({ example: 20 })
  @IsHundredths()
  @IsPositive()
  @Max(100_000)
  capacityTonnesPerDay!: number;

  @ApiProperty({ example: '2026-03-01' })
  @IsDateOnly()
  issuedOn!: string;
}
