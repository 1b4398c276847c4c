import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { INSPECTION_RESULTS, InspectionResult } from '../inspection.entity';

export class CreateInspectionDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsDateOnly()
  inspectedOn!: string;

  @ApiProperty({ example: 'Vi Văn Hùng', description: 'The inspecting officer, as written on the record' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  inspector!: string;

  @ApiProperty({ enum: INSPECTION_RESULTS, description: 'pass, minor (needs correction) or fail' })
  @IsIn(INSPECTION_RESULTS)
  result!: InspectionResult;

  @ApiPropertyOptional({ example: 'Nhật ký canh tác ghi chưa đầy đủ' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  findings?: string;

  @ApiPropertyOptional({ description: 'Residue test result, when a sample was taken' })
  @IsOptional()
  @IsBoolean()
  residueTestPassed?: boolean;

  @ApiPropertyOptional({ description: 'Farming diary (nhật ký canh tác) kept' })
  @IsOptional()
  @IsBoolean()
  diaryKept?: boolean;

  @ApiPropertyOptional({ description: 'With a fail result: suspend in the same request' })
  @IsOptional()
  @IsBoolean()
  suspend?: boolean;

  @ApiPropertyOptional({ description: 'Reason for the suspension (defaults to the findings)' })
  @ValidateIf((o: CreateInspectionDto) => o.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
