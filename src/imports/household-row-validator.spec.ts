import 'reflect-metadata';
import { foldVietnamese } from '@lienket/vn-identity';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { pick, prng } from '../database/seeds/prng';
import { HOUSEHOLD_COLUMNS, normalizeHouseholdRow } from './household-sheet';
import { validateHouseholdValue } from './household-row-validator';
import type { ReferenceLookups } from './reference-lookups';
import { indexHeader, validateAs } from './sheet-columns';

const refs: ReferenceLookups = {
  communes: new Map([
    [foldVietnamese('Cai Kinh'), '06427'],
    ['#06427', '06427'],
  ]),
  ethnicities: new Map([
    [foldVietnamese('Tày'), '02'],
    ['tay', '02'],
    ['#02', '02'],
  ]),
};

const year = new Date().getFullYear();
/** Cells people type, good and bad, for every column of the template (in its order). */
const CELLS: string[][] = [
  // headName
  [
    'Hoàng Văn Thụ',
    '',
    '   ',
    'x'.repeat(120),
    'x'.repeat(121),
    '😀'.repeat(120),
    '😀'.repeat(121),
    'a\uFE0F',
  ],
  // nationalId: agreeing, disagreeing on year or gender, bad province, 11 digits (a lost 0), junk
  [
    '020080001234',
    '020180001234',
    '020090001234',
    '020300001234',
    '000080001234',
    '20080001234',
    '020 080 001 234',
    '020.080.001.234',
    '',
    'abc',
    '0200800012345',
    '020280001234',
  ],
  // gender
  ['Nam', 'Nữ', 'nu', 'F', 'male', 'x', ''],
  // birthYear
  ['1980', '1990', '2080', '1899', '2030', String(year), '', 'abc', '1980.5', '99999999999999999999', '0'],
  // ethnicity
  ['2', '02', 'Tày', 'tay', 'xyz', '', '123', '99'],
  // phone
  ['', '912345678', '0912345678', '+84912345678', '123', '09 1234 5678', '0912-345-678', 'abc', '0212345678'],
  // communeCode
  ['06427', 'Cai Kinh', 'xã Cai Kinh', '99999', 'abc', '', '1234'],
  // village
  ['', 'Thôn Làng Ngò', 'x'.repeat(120), 'x'.repeat(121)],
  // memberCount
  ['3', '0', '1', '50', '51', '', 'x', '2.5'],
  // povertyStatus
  ['nghèo', 'Cận nghèo', '', 'poor', 'x'],
  // povertyAssessedYear
  ['', '2025', '1999', '2000', '2100', 'x'],
  // consentGivenOn
  ['', '01/03/2026', '2026-02-30', '3000-01-01', '1899-12-31', 'x', '31/12/2999', '2026-3-1', '29/02/2024'],
  // consentScope
  ['', 'programme-1719', 'x'.repeat(200), 'x'.repeat(201)],
];

describe('validateHouseholdValue', () => {
  it('gives exactly what class-validator gives on CreateHouseholdDto, for rows of every kind', () => {
    const rand = prng(4);
    const headers = HOUSEHOLD_COLUMNS.map((c) => c.header);
    const full = indexHeader(HOUSEHOLD_COLUMNS, headers);
    // Optional columns missing from the sheet read as empty cells.
    const required = indexHeader(
      HOUSEHOLD_COLUMNS,
      HOUSEHOLD_COLUMNS.map((c) => (c.required ? c.header : '')),
    );
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      // Mostly good cells, so that rows with one or two faults are common.
      const cells = CELLS.map((pool) => (rand() < 0.75 ? pool[0] : pick(rand, pool)));
      if (rand() < 0.5) cells[1] = pick(rand, CELLS[1].slice(0, 3));
      const value = normalizeHouseholdRow(cells, rand() < 0.9 ? full : required, refs);
      const expected = validateAs(CreateHouseholdDto, value);
      const actual = validateHouseholdValue(value);
      expect(actual.errors).toEqual(expected.errors);
      if (!expected.errors.length) {
        valid++;
        expect(JSON.parse(JSON.stringify(actual.dto))).toEqual(JSON.parse(JSON.stringify(expected.dto)));
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });

  it('hands values of another shape to class-validator', () => {
    const odd = { headName: 'A', extra: 1 };
    expect(validateHouseholdValue(odd).errors).toEqual(validateAs(CreateHouseholdDto, odd).errors);
    const nested = { headName: 'A', consent: { givenOn: '2026-01-01', scope: 'x', more: true } };
    expect(validateHouseholdValue(nested).errors).toEqual(validateAs(CreateHouseholdDto, nested).errors);
  });
});
