import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CertificateListQuery, queryBoolean } from '../../certification/certificate-list';

export class ListPackingFacilitiesQuery extends CertificateListQuery([
  'createdAt',
  'code',
  'name',
  'nextInspectionDue',
] as const) {
  @ApiPropertyOptional({ example: 'custard-apple', description: 'Facilities packing this product' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productCode?: string;

  @ApiPropertyOptional({ description: 'true: facilities sourcing from a suspended or revoked code' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  atRisk?: boolean;
}
