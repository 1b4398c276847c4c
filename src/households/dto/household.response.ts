import { ApiProperty } from '@nestjs/swagger';
import { GENDERS, Gender, Household, POVERTY_STATUSES, PovertyStatus } from '../household.entity';
import { ConsentDto } from './consent.dto';

export class HouseholdResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hoàng Văn Thụ' }) headName!: string;
  @ApiProperty({ example: '020085001234' }) nationalId!: string;
  @ApiProperty({ enum: GENDERS }) gender!: Gender;
  @ApiProperty({ example: 1985 }) birthYear!: number;
  @ApiProperty({ example: '02' }) ethnicity!: string;
  @ApiProperty({ example: 'Tày' }) ethnicityName!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ example: '06427' }) communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) village!: string | null;
  @ApiProperty({ example: 5 }) memberCount!: number;
  @ApiProperty({ enum: POVERTY_STATUSES }) povertyStatus!: PovertyStatus;
  @ApiProperty({ nullable: true, type: Number }) povertyAssessedYear!: number | null;
  @ApiProperty({ nullable: true, type: ConsentDto }) consent!: ConsentDto | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** What a household list item shows (toHouseholdResponse): the page reads these columns only. */
export const LISTED_COLUMNS = [
  'id',
  'headName',
  'nationalId',
  'gender',
  'birthYear',
  'ethnicity',
  'phone',
  'communeCode',
  'village',
  'memberCount',
  'povertyStatus',
  'povertyAssessedYear',
  'consentGivenOn',
  'consentScope',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Household>;
type Listed = Pick<Household, (typeof LISTED_COLUMNS)[number]>;
/** A listed household; its datetimes may already be ISO text (hydrateRows' isoDatetimes). */
export type ListedHousehold = Omit<Listed, 'createdAt' | 'updatedAt'> & {
  createdAt: Date | string;
  updatedAt: Date | string;
};
const iso = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString());

/** `ethnicityName` comes from the reference list the caller joined (a map, never a query per row). */
export const toHouseholdResponse = (
  h: ListedHousehold,
  ethnicityNames: ReadonlyMap<string, string>,
): HouseholdResponse => ({
  id: h.id,
  headName: h.headName,
  nationalId: h.nationalId,
  gender: h.gender,
  birthYear: h.birthYear,
  ethnicity: h.ethnicity,
  ethnicityName: ethnicityNames.get(h.ethnicity) ?? h.ethnicity,
  phone: h.phone,
  communeCode: h.communeCode,
  village: h.village,
  memberCount: h.memberCount,
  povertyStatus: h.povertyStatus,
  povertyAssessedYear: h.povertyAssessedYear,
  consent: h.consentGivenOn && h.consentScope ? { givenOn: h.consentGivenOn, scope: h.consentScope } : null,
  version: h.version,
  createdAt: iso(h.createdAt),
  updatedAt: iso(h.updatedAt),
});
