import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PROGRAMMES, Programme } from '../support-record.entity';

export class ListSupportQuery extends PageQuery(['supportedOn', 'createdAt', 'valueVnd'] as const) {
  @ApiPropertyOptional({ enum: PROGRAMMES })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  valueChainId?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ListHouseholdSupportQuery extends PageQuery(['supportedOn', 'createdAt'] as const) {}
