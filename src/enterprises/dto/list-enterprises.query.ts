import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTERPRISE_KINDS, EnterpriseKind } from '../enterprise.entity';

export class ListEnterprisesQuery extends PageQuery(['createdAt', 'name'] as const) {
  @ApiPropertyOptional({ example: 'xu lang', description: 'Start of the name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @IsOptional()
  @IsIn(ENTERPRISE_KINDS)
  kind?: EnterpriseKind;
}
