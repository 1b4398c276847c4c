import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsDateOnly, IsHundredths, PageQuery } from '@lienket/http-common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROGRAMMES, Programme } from '../../support/support-record.entity';
import {
  BUDGET_SOURCES,
  BudgetSource,
  CAPITAL_TYPES,
  CapitalType,
  VALUE_CHAIN_STATUSES,
  ValueChainStatus,
} from '../value-chain.entity';
import { CreateValueChainDto } from './create-value-chain.dto';

export class UpdateValueChainDto extends PartialType(
  OmitType(CreateValueChainDto, [
    'leadCooperativeId',
    'leadEnterpriseId',
    'programme',
    'productCode',
  ] as const),
) {
  @ApiProperty({ description: 'The version you read (optimistic lock)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListValueChainsQuery extends PageQuery(['createdAt', 'name', 'startsOn'] as const) {
  @ApiPropertyOptional({ enum: VALUE_CHAIN_STATUSES })
  @IsOptional()
  @IsIn(VALUE_CHAIN_STATUSES)
  status?: ValueChainStatus;

  @ApiPropertyOptional({ enum: PROGRAMMES })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;

  @ApiPropertyOptional({ example: 'custard-apple' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productCode?: string;

  @ApiPropertyOptional({ example: '06427' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'na chi lang', description: 'Start of the name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({
    example: 2023,
    description: 'Models starting in this year (as GET /reports/disbursement)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class OverrideDto {
  @ApiProperty({ example: 'Hỗ trợ khác mục đích, đã xác minh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class AddParticipantDto {
  @ApiProperty()
  @IsUUID()
  householdId!: string;

  @ApiPropertyOptional({ example: 0.5, description: 'Crops: hectares brought' })
  @IsOptional()
  @IsHundredths()
  @IsPositive()
  @Max(10_000)
  areaHa?: number;

  @ApiPropertyOptional({ example: 200, description: 'Livestock: heads brought' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(1_000_000)
  heads?: number;

  @ApiPropertyOptional({ type: OverrideDto, description: 'Officials only: accept a double-support conflict' })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

export class TransitionDto {
  @ApiProperty({ enum: VALUE_CHAIN_STATUSES })
  @IsIn(VALUE_CHAIN_STATUSES)
  to!: ValueChainStatus;

  @ApiPropertyOptional({ example: 'Quyết định phê duyệt số 1234/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CreateDisbursementDto {
  @ApiProperty({ enum: BUDGET_SOURCES })
  @IsIn(BUDGET_SOURCES)
  source!: BudgetSource;

  @ApiPropertyOptional({ enum: CAPITAL_TYPES, description: 'Required for state money' })
  @IsOptional()
  @IsIn(CAPITAL_TYPES)
  capitalType?: CapitalType;

  @ApiProperty({ example: 150_000_000 })
  @IsInt()
  @IsPositive()
  @Max(1e15)
  amountVnd!: number;

  @ApiProperty({ example: '2023-09-15' })
  @IsDateOnly()
  paidOn!: string;

  @ApiPropertyOptional({ example: 'UNC 0123/2023' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  voucher?: string;
}

export class DisbursementReportQuery {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ enum: PROGRAMMES })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;
}
