import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROGRAMMES, Programme, SUPPORT_KINDS, SupportKind } from '../support-record.entity';

export class SupportOverrideDto {
  @ApiProperty({ example: 'Hộ bị thiệt hại do lũ tháng 9, UBND tỉnh cho phép hỗ trợ bổ sung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class CreateSupportDto {
  @ApiProperty({
    enum: PROGRAMMES,
    description: '1719, giam-ngheo (poverty reduction), ntm (new rural), other',
  })
  @IsIn(PROGRAMMES)
  programme!: Programme;

  @ApiPropertyOptional({ format: 'uuid', description: 'Value-chain model the support came through' })
  @IsOptional()
  @IsUUID()
  valueChainId?: string;

  @ApiProperty({
    enum: SUPPORT_KINDS,
    description: 'What was given: the purpose the double-support check compares',
  })
  @IsIn(SUPPORT_KINDS)
  kind!: SupportKind;

  @ApiProperty({ example: 12_500_000, description: 'Value in VND (integer)' })
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  valueVnd!: number;

  @ApiProperty({ example: '2026-04-10', description: 'Date received, YYYY-MM-DD' })
  @IsDateOnly()
  supportedOn!: string;

  @ApiPropertyOptional({ example: 'QĐ 123/QĐ-UBND', description: 'Decision or voucher reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({
    type: SupportOverrideDto,
    description: 'Officials only: record despite a conflict (audited)',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => SupportOverrideDto)
  override?: SupportOverrideDto;
}
