import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { POVERTY_STATUSES, PovertyStatus } from '../household.entity';

export class ListHouseholdsQuery extends PageQuery(['createdAt', 'headName', 'birthYear'] as const) {
  @ApiPropertyOptional({
    example: 'nguyen thi dao',
    description: 'Start of the full name or of the given name; case and diacritics do not matter',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  @ApiPropertyOptional({ example: '06427' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Current members of this cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ enum: POVERTY_STATUSES })
  @IsOptional()
  @IsIn(POVERTY_STATUSES)
  povertyStatus?: PovertyStatus;

  @ApiPropertyOptional({ example: '02' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'ethnicity must be a two-digit code' })
  ethnicity?: string;
}
