import { ApiProperty } from '@nestjs/swagger';
import { Household } from '../../households/household.entity';
import { DUPLICATE_STATUSES, DuplicatePair, DuplicateStatus } from '../duplicate-pair.entity';

export class DuplicateSideResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hoàng Văn Thụ' }) headName!: string;
  @ApiProperty({ example: 1985 }) birthYear!: number;
  @ApiProperty({ example: '06427' }) communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) village!: string | null;
  @ApiProperty({ example: '020085******', description: 'CCCD with the last six digits hidden' })
  nationalId!: string;
}

export class DuplicatePairResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 90, description: '0–100' }) score!: number;
  @ApiProperty({ type: [String], example: ['headName', 'birthYear', 'communeCode', 'village'] })
  matchedFields!: string[];
  @ApiProperty({ enum: DUPLICATE_STATUSES }) status!: DuplicateStatus;
  @ApiProperty({ type: DuplicateSideResponse }) a!: DuplicateSideResponse;
  @ApiProperty({ type: DuplicateSideResponse }) b!: DuplicateSideResponse;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty() createdAt!: Date;
}

const side = (h: Household | undefined): DuplicateSideResponse => ({
  id: h?.id ?? '',
  headName: h?.headName ?? '',
  birthYear: h?.birthYear ?? 0,
  communeCode: h?.communeCode ?? '',
  village: h?.village ?? null,
  nationalId: h ? `${h.nationalId.slice(0, 6)}******` : '',
});

export const toDuplicatePairResponse = (p: DuplicatePair): DuplicatePairResponse => ({
  id: p.id,
  score: p.score,
  matchedFields: p.matchedFields,
  status: p.status,
  a: side(p.householdA),
  b: side(p.householdB),
  decisionNote: p.decisionNote,
  createdAt: p.createdAt,
});
