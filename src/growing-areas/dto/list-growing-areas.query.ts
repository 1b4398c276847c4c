import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CertificateListQuery } from '../../certification/certificate-list';

export class ListGrowingAreasQuery extends CertificateListQuery([
  'createdAt',
  'code',
  'nextInspectionDue',
  'issuedOn',
] as const) {
  @ApiPropertyOptional({ example: 'custard-apple' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
