import { CCCD_PROVINCE_CODES } from '@lienket/vn-identity';
import { unique } from './fixtures';

let serial = Math.floor(Math.random() * 500_000);

/**
 * A valid CCCD for the birth year and gender that no other call in this process returns:
 * province 020 (Lạng Sơn) unless told, the century/gender digit and year digits that agree.
 */
export function cccdFor(birthYear: number, gender: 'male' | 'female', province = '020'): string {
  if (!CCCD_PROVINCE_CODES.has(province)) throw new Error(`not a province code: ${province}`);
  const centuryDigit = (Math.floor(birthYear / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
  const tail = String((process.pid * 7919 + serial++) % 1_000_000).padStart(6, '0');
  return `${province}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${tail}`;
}

/** A household body that passes validation; override what the test is about. */
export function householdBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const birthYear = (overrides.birthYear as number) ?? 1985;
  const gender = (overrides.gender as 'male' | 'female') ?? 'male';
  return {
    headName: 'Hoàng Văn Thụ',
    nationalId: cccdFor(birthYear, gender),
    gender,
    birthYear,
    ethnicity: '02',
    phone: '0912345678',
    communeCode: '06427',
    // A village of its own: households made by different tests are never probable duplicates.
    village: `Thôn Làng Ngò ${unique()}`,
    memberCount: 5,
    povertyStatus: 'near_poor',
    povertyAssessedYear: 2025,
    consent: { givenOn: '2026-03-01', scope: 'programme-1719' },
    ...overrides,
  };
}
