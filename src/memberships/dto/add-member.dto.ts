import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { IsCccd } from '@lienket/vn-identity';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { MEMBER_ROLES, MemberRole } from '../cooperative-member.entity';

/** Name the household by id, or by CCCD when it was registered by another cooperative. */
export class AddMemberDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: AddMemberDto) => o.nationalId === undefined || o.householdId !== undefined)
  @IsUUID(undefined, { message: 'householdId (or nationalId) is required and must be a UUID' })
  householdId?: string;

  @ApiPropertyOptional({
    example: '020085001234',
    description: 'CCCD of the household head, instead of householdId',
  })
  @IsOptional()
  @IsCccd()
  nationalId?: string;

  @ApiPropertyOptional({ example: '2026-01-15', description: 'Join date YYYY-MM-DD (default today)' })
  @IsOptional()
  @IsDateOnly()
  joinedOn?: string;

  @ApiPropertyOptional({ enum: MEMBER_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;
}
