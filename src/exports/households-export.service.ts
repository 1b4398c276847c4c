import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Writable } from 'node:stream';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Actor } from '../auth/actor';
import { EthnicityNamesService } from '../ethnicities/ethnicity-names.service';
import { Household, POVERTY_STATUSES, PovertyStatus } from '../households/household.entity';
import { HouseholdsService } from '../households/households.service';
import { HOUSEHOLD_COLUMNS } from '../imports/household-sheet';
import { writeKeysetSheet } from './keyset-sheet';

export class ExportHouseholdsQuery {
  @ApiPropertyOptional({ example: '06427' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ enum: POVERTY_STATUSES })
  @IsOptional()
  @IsIn(POVERTY_STATUSES)
  povertyStatus?: PovertyStatus;
}

const POVERTY_VI: Record<PovertyStatus, string> = {
  poor: 'nghèo',
  near_poor: 'cận nghèo',
  escaped: 'thoát nghèo',
  average: 'trung bình',
  none: 'không',
};

@Injectable()
export class HouseholdsExportService {
  constructor(
    private readonly households: HouseholdsService,
    private readonly ethnicityNames: EthnicityNamesService,
  ) {}

  /** Streamed in keyset pages: memory stays flat for any register size. */
  async write(actor: Actor, q: ExportHouseholdsQuery, out: Writable): Promise<void> {
    const names = await this.ethnicityNames.all();
    await writeKeysetSheet<Household>(out, {
      sheetName: 'Hộ gia đình',
      columns: HOUSEHOLD_COLUMNS.map((c) => ({ header: c.header, key: c.field })),
      query: () => {
        const qb = this.households.scoped(actor);
        if (q.communeCode) qb.andWhere('h.communeCode = :commune', { commune: q.communeCode });
        if (q.povertyStatus) qb.andWhere('h.povertyStatus = :poverty', { poverty: q.povertyStatus });
        return qb;
      },
      toRow: (h) => toSheetRow(h, names),
    });
  }
}

function toSheetRow(
  h: Household,
  names: ReadonlyMap<string, string>,
): Record<string, string | number | null> {
  return {
    headName: h.headName,
    nationalId: h.nationalId,
    gender: h.gender === 'male' ? 'Nam' : 'Nữ',
    birthYear: h.birthYear,
    ethnicity: names.get(h.ethnicity) ?? h.ethnicity,
    phone: h.phone,
    communeCode: h.communeCode,
    village: h.village,
    memberCount: h.memberCount,
    povertyStatus: POVERTY_VI[h.povertyStatus],
    povertyAssessedYear: h.povertyAssessedYear,
    consentGivenOn: h.consentGivenOn,
    consentScope: h.consentScope,
  };
}
