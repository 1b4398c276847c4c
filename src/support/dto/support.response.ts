import { ApiProperty } from '@nestjs/swagger';
import { PROGRAMMES, Programme, SUPPORT_KINDS, SupportKind, SupportRecord } from '../support-record.entity';

export class SupportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: Programme;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) valueChainId!: string | null;
  @ApiProperty({ enum: SUPPORT_KINDS }) kind!: SupportKind;
  @ApiProperty({ example: 12_500_000 }) valueVnd!: number;
  @ApiProperty({ example: '2026-04-10' }) supportedOn!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set when an official overrode a conflict' })
  overrideReason!: string | null;
  @ApiProperty() createdAt!: Date;
}

export const toSupportResponse = (s: SupportRecord): SupportResponse => ({
  id: s.id,
  householdId: s.householdId,
  programme: s.programme,
  valueChainId: s.valueChainId,
  kind: s.kind,
  valueVnd: s.valueVnd,
  supportedOn: s.supportedOn,
  reference: s.reference,
  overrideReason: s.overrideReason,
  createdAt: s.createdAt,
});
