import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, Role } from '../../auth/role';

export class ListUsersQuery extends PageQuery(['createdAt', 'username', 'fullName'] as const) {
  @ApiPropertyOptional({ description: 'Start of the full name or username, without diacritics if you like' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
}
