import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@lienket/http-common';
import { DUPLICATE_STATUSES, DuplicateStatus } from '../duplicate-pair.entity';

export class MergeDuplicateDto {
  @ApiProperty({ format: 'uuid', description: 'The household that stays; the other is merged into it' })
  @IsUUID()
  keepHouseholdId!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DismissDuplicateDto {
  @ApiPropertyOptional({ example: 'Hai anh em cùng tên, khác người', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListDuplicatesQuery extends PageQuery(['score', 'createdAt'] as const) {
  @ApiPropertyOptional({ enum: DUPLICATE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(DUPLICATE_STATUSES)
  status?: DuplicateStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only pairs involving this household' })
  @IsOptional()
  @IsUUID()
  householdId?: string;
}
