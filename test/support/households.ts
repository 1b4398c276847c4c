import { CCCD_PROVINCE_CODES } from '@lienket/vn-identity';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unique } from './fixtures';

const BLOCK = 5_000;

/**
 * Spec files run in parallel workers against one MariaDB database, so the serials they draw must
 * not meet: each spec file claims a block of its own by creating a marker file (exclusive create
 * is atomic across processes). Random starting points collided now and then.
 */
function claimBlock(): number {
  const dir = join(process.env.LIENKET_TEST_DIR ?? join(tmpdir(), 'lienket-test'), 'cccd-blocks');
  mkdirSync(dir, { recursive: true });
  const first = Math.floor(Math.random() * (1_000_000 / BLOCK));
  for (let i = 0; i < 1_000_000 / BLOCK; i++) {
    const block = (first + i) % (1_000_000 / BLOCK);
    try {
      closeSync(openSync(join(dir, String(block)), 'wx'));
      return block * BLOCK;
    } catch {
      // taken by another spec file
    }
  }
  throw new Error(`every CCCD block in ${dir} is taken; delete the directory`);
}

let serial = claimBlock();

/**
 * A valid CCCD for the birth year and gender that no other call in this test run returns:
 * province 020 (Lạng Sơn) unless told, the century/gender digit and year digits that agree.
 */
export function cccdFor(birthYear: number, gender: 'male' | 'female', province = '020'): string {
  if (!CCCD_PROVINCE_CODES.has(province)) throw new Error(`not a province code: ${province}`);
  const centuryDigit = (Math.floor(birthYear / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
  const tail = String(serial++ % 1_000_000).padStart(6, '0');
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
