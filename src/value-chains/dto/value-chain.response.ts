import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAMMES, Programme } from '../../support/support-record.entity';
import { ValueChain, VALUE_CHAIN_STATUSES, ValueChainStatus } from '../value-chain.entity';

export class BudgetLineResponse {
  @ApiProperty() source!: string;
  @ApiPropertyOptional({ nullable: true }) capitalType!: string | null;
  @ApiProperty() amountVnd!: number;
  @ApiProperty() disbursedVnd!: number;
}

export class ValueChainFigures {
  @ApiProperty() households!: number;
  @ApiProperty({ description: 'Hectares brought by participating households (crops)' }) areaHa!: number;
  @ApiProperty({ description: 'Heads brought (livestock)' }) heads!: number;
  @ApiProperty({ description: 'Share of poor or near-poor households, 0–1' }) poorShare!: number;
  @ApiProperty({ description: 'Share of ethnic-minority (not Kinh) households, 0–1' })
  ethnicMinorityShare!: number;
}

export class ValueChainResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: Programme;
  @ApiPropertyOptional({ nullable: true }) leadCooperativeId!: string | null;
  @ApiPropertyOptional({ nullable: true }) leadEnterpriseId!: string | null;
  @ApiProperty({ type: [String] }) partnerCooperativeIds!: string[];
  @ApiProperty({ type: [String] }) partnerEnterpriseIds!: string[];
  @ApiProperty({ type: [String] }) communeCodes!: string[];
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ type: [BudgetLineResponse] }) budget!: BudgetLineResponse[];
  @ApiPropertyOptional({ nullable: true }) decisionNumber!: string | null;
  @ApiPropertyOptional({ nullable: true }) decisionDate!: string | null;
  @ApiProperty({ enum: VALUE_CHAIN_STATUSES }) status!: ValueChainStatus;
  @ApiProperty({ type: ValueChainFigures }) figures!: ValueChainFigures;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export interface ValueChainLinks {
  partnerCooperativeIds: string[];
  partnerEnterpriseIds: string[];
  communeCodes: string[];
  budget: BudgetLineResponse[];
  figures: ValueChainFigures;
}

export const toValueChainResponse = (v: ValueChain, links: ValueChainLinks): ValueChainResponse => ({
  id: v.id,
  name: v.name,
  productCode: v.productCode,
  programme: v.programme,
  leadCooperativeId: v.leadCooperativeId,
  leadEnterpriseId: v.leadEnterpriseId,
  ...links,
  startsOn: v.startsOn,
  endsOn: v.endsOn,
  decisionNumber: v.decisionNumber,
  decisionDate: v.decisionDate,
  status: v.status,
  version: v.version,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});
