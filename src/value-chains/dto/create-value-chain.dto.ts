import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROGRAMMES, Programme } from '../../support/support-record.entity';

const MAX_VND = 1e15;

export class StateBudgetSplitDto {
  @ApiProperty({ example: 570_354_000_000, description: 'Đầu tư phát triển (VND)' })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  investment!: number;

  @ApiProperty({ example: 618_246_000_000, description: 'Sự nghiệp (VND)' })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  recurrent!: number;
}

export class BudgetDto {
  @ApiProperty({ example: 1_000_000_000, description: 'Ngân sách nhà nước (VND)' })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  state!: number;

  @ApiProperty({ example: 200_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  counterpart!: number;

  @ApiProperty({ example: 100_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  household!: number;

  @ApiProperty({ example: 300_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  enterprise!: number;

  @ApiPropertyOptional({
    type: StateBudgetSplitDto,
    description: 'State money by capital type; must add up to state',
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => StateBudgetSplitDto)
  stateByCapitalType?: StateBudgetSplitDto;
}

export class CreateValueChainDto {
  @ApiProperty({ example: 'Liên kết sản xuất và tiêu thụ na Chi Lăng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'custard-apple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  productCode!: string;

  @ApiProperty({ enum: PROGRAMMES })
  @IsIn(PROGRAMMES)
  programme!: Programme;

  @ApiPropertyOptional({ description: 'Lead (chủ trì): exactly one of a cooperative or an enterprise' })
  @IsOptional()
  @IsUUID()
  leadCooperativeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  leadEnterpriseId?: string;

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partnerCooperativeIds?: string[];

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partnerEnterpriseIds?: string[];

  @ApiProperty({ type: [String], example: ['06427'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @Matches(/^\d{5}$/, { each: true, message: 'each value in communeCodes must be a 5-digit commune code' })
  communeCodes!: string[];

  @ApiProperty({ example: '2023-03-01' })
  @IsDateOnly()
  startsOn!: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsDateOnly()
  endsOn!: string;

  @ApiProperty({ type: BudgetDto })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => BudgetDto)
  budget!: BudgetDto;

  @ApiPropertyOptional({ example: '1234/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  decisionNumber?: string;

  @ApiPropertyOptional({ example: '2023-02-20' })
  @IsOptional()
  @IsDateOnly()
  decisionDate?: string;
}
