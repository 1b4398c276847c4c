import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListMembersQuery extends PageQuery(['joinedOn', 'createdAt'] as const) {
  @ApiPropertyOptional({ default: false, description: 'Include households that have left (history)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeFormer?: boolean;
}
