import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsDateOnly, IsHundredths, PageQuery } from '@lienket/http-common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Contract, CONTRACT_STATUSES, ContractStatus } from '../contract.entity';
import { DECIMAL_MAX } from '../../database/decimal-column';

export class CreateContractDto {
  @ApiPropertyOptional({ description: 'The buying enterprise (enterprise staff: their own, the default)' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({
    description: 'The supplying cooperative (exactly one of cooperativeId, householdId)',
  })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ description: 'The supplying household' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  valueChainId?: string;

  @ApiProperty({ example: 'custard-apple' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  productCode!: string;

  @ApiProperty({ example: 30000, description: 'Committed volume in the unit' })
  @IsHundredths()
  @IsPositive()
  @Max(DECIMAL_MAX)
  volume!: number;

  @ApiProperty({ enum: ['kg', 'head'] })
  @IsIn(['kg', 'head'])
  unit!: 'kg' | 'head';

  @ApiPropertyOptional({ example: 25000, description: 'Fixed price (VND per unit); or a floor price' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(1e12)
  priceVndPerUnit?: number;

  @ApiPropertyOptional({ example: 18000 })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(1e12)
  floorPriceVndPerUnit?: number;

  @ApiPropertyOptional({ example: 'Giá chợ đầu mối Chi Lăng ngày giao' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  marketReference?: string;

  @ApiProperty({ example: '2027-08-01' })
  @IsDateOnly()
  deliveryFrom!: string;

  @ApiProperty({ example: '2027-09-30' })
  @IsDateOnly()
  deliveryTo!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sourceGrowingAreaIds!: string[];
}

export class UpdateContractDto extends PartialType(
  OmitType(CreateContractDto, ['enterpriseId', 'cooperativeId', 'householdId'] as const),
) {
  @ApiProperty({ description: 'The version you read (optimistic lock)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ContractStatusDto {
  @ApiProperty({ enum: CONTRACT_STATUSES })
  @IsIn(CONTRACT_STATUSES)
  to!: ContractStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListContractsQuery extends PageQuery(['createdAt', 'deliveryFrom', 'deliveryTo'] as const) {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class ContractSourceResponse {
  @ApiProperty() growingAreaId!: string;
  @ApiProperty() committedVolume!: number;
  @ApiProperty() atRisk!: boolean;
  @ApiPropertyOptional({ nullable: true }) atRiskReason!: string | null;
}

export class ContractResponse {
  @ApiProperty() id!: string;
  @ApiProperty() enterpriseId!: string;
  @ApiPropertyOptional({ nullable: true }) cooperativeId!: string | null;
  @ApiPropertyOptional({ nullable: true }) householdId!: string | null;
  @ApiPropertyOptional({ nullable: true }) valueChainId!: string | null;
  @ApiProperty() productCode!: string;
  @ApiProperty() volume!: number;
  @ApiProperty() unit!: string;
  @ApiPropertyOptional({ nullable: true }) priceVndPerUnit!: number | null;
  @ApiPropertyOptional({ nullable: true }) floorPriceVndPerUnit!: number | null;
  @ApiPropertyOptional({ nullable: true }) marketReference!: string | null;
  @ApiProperty() deliveryFrom!: string;
  @ApiProperty() deliveryTo!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty({ type: [String] }) sourceGrowingAreaIds!: string[];
  @ApiProperty({ type: [ContractSourceResponse] }) sources!: ContractSourceResponse[];
  @ApiProperty({ description: 'A source is suspended or revoked' }) sourceAtRisk!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const toContractResponse = (c: Contract, sources: ContractSourceResponse[]): ContractResponse => ({
  id: c.id,
  enterpriseId: c.enterpriseId,
  cooperativeId: c.cooperativeId,
  householdId: c.householdId,
  valueChainId: c.valueChainId,
  productCode: c.productCode,
  volume: c.volume,
  unit: c.unit,
  priceVndPerUnit: c.priceVndPerUnit,
  floorPriceVndPerUnit: c.floorPriceVndPerUnit,
  marketReference: c.marketReference,
  deliveryFrom: c.deliveryFrom,
  deliveryTo: c.deliveryTo,
  status: c.status,
  sourceGrowingAreaIds: sources.map((s) => s.growingAreaId),
  sources,
  sourceAtRisk: sources.some((s) => s.atRisk),
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
