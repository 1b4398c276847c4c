import { ApiProperty } from '@nestjs/swagger';
import { Cooperative } from '../../cooperatives/cooperative.entity';
import { Household } from '../../households/household.entity';
import { CooperativeMember, MEMBER_ROLES, MemberRole } from '../cooperative-member.entity';

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ example: 'Hoàng Văn Thụ' }) headName!: string;
  @ApiProperty({ example: '06427' }) communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) village!: string | null;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ example: '2026-01-15' }) joinedOn!: string;
  @ApiProperty({ nullable: true, type: String }) leftOn!: string | null;
}

export const toMemberResponse = (m: CooperativeMember & { household?: Household }): MemberResponse => ({
  cooperativeId: m.cooperativeId,
  householdId: m.householdId,
  headName: m.household?.headName ?? '',
  communeCode: m.household?.communeCode ?? '',
  village: m.household?.village ?? null,
  role: m.role,
  joinedOn: m.joinedOn,
  leftOn: m.leftOn,
});

/** One of a household's memberships, seen from the household. */
export class HouseholdMembershipResponse {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ example: 'HTX Nông nghiệp Cai Kinh' }) cooperativeName!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ example: '2026-01-15' }) joinedOn!: string;
  @ApiProperty({ nullable: true, type: String }) leftOn!: string | null;
}

export const toHouseholdMembershipResponse = (
  m: CooperativeMember & { cooperative?: Cooperative },
): HouseholdMembershipResponse => ({
  cooperativeId: m.cooperativeId,
  cooperativeName: m.cooperative?.name ?? '',
  role: m.role,
  joinedOn: m.joinedOn,
  leftOn: m.leftOn,
});
