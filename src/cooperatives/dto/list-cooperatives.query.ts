import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COOPERATIVE_STATUSES, CooperativeStatus } from '../cooperative.entity';

export class ListCooperativesQuery extends PageQuery(['createdAt', 'name', 'foundedOn'] as const) {
  @ApiPropertyOptional({ example: 'na cai', description: 'Start of the name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ example: '06427' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_STATUSES })
  @IsOptional()
  @IsIn(COOPERATIVE_STATUSES)
  status?: CooperativeStatus;
}
