import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsHundredths } from '@lienket/http-common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
} from 'class-validator';
import type { CertificateKind } from '../../certification/inspection-schedule';
import { CERTIFICATE_KINDS } from '../../certification/certificate-list';

export const upperCaseAll = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((m) => (typeof m === 'string' ? m.toUpperCase() : m)) : value;

export class CreateGrowingAreaDto {
  @ApiProperty({ example: 'VN-LSCL-0123', description: 'The code as issued (format: SPEC §3, configurable)' })
  @IsString()
  @MaxLength(32)
  code!: string;

  @ApiProperty({ enum: CERTIFICATE_KINDS })
  @IsIn(CERTIFICATE_KINDS)
  kind!: CertificateKind;

  @ApiPropertyOptional({ type: [String], example: ['CN'], description: 'Export only: ISO 3166 alpha-2' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Transform(upperCaseAll)
  @IsISO31661Alpha2({ each: true, message: 'each value in markets must be an ISO 3166 alpha-2 country code' })
  markets?: string[];

  @ApiProperty({ example: 'custard-apple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  productCode!: string;

  @ApiProperty({ example: 12.5, description: 'Declared area in hectares (2 decimals)' })
  @IsHundredths()
  @IsPositive()
  @Max(100_000)
  areaHa!: number;

  @ApiProperty({ example: '06427' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ description: 'Managing cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'GeoJSON Polygon or MultiPolygon (longitude, latitude)',
  })
  @IsOptional()
  @IsObject()
  boundary?: Record<string, unknown>;

  @ApiProperty({ example: 'Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Lạng Sơn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer!: string;

  @ApiProperty({ example: '2026-05-01' })
  @IsDateOnly()
  issuedOn!: string;
}
