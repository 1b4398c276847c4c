import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListCommunesQuery extends PageQuery(['name', 'code'] as const) {
  @ApiPropertyOptional({
    example: 'cai kinh',
    description: 'Any word of the name or a former unit, diacritics optional',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  search?: string;

  @ApiPropertyOptional({ enum: ['commune', 'ward'] })
  @IsOptional()
  @IsIn(['commune', 'ward'])
  type?: 'commune' | 'ward';
}
