import { isVnTaxCode } from './tax-code';

describe('isVnTaxCode', () => {
  it.each(['0101243150', '4900123456', '0101243150-001', '4900123456-012'])('accepts %j', (code) => {
    expect(isVnTaxCode(code)).toBe(true);
  });

  it.each([
    ['9 digits', '010124315'],
    ['11 digits', '01012431500'],
    ['13 digits without the dash', '0101243150001'],
    ['a 2-digit branch', '0101243150-01'],
    ['a 4-digit branch', '0101243150-0001'],
    ['a dangling dash', '0101243150-'],
    ['a space before the branch', '0101243150 -001'],
    ['a slash instead of a dash', '0101243150/001'],
    ['surrounding whitespace', ' 0101243150 '],
    ['a letter', '010124315O'],
    ['an empty string', ''],
  ])('rejects %s', (_label, code) => {
    expect(isVnTaxCode(code)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isVnTaxCode(4900123456)).toBe(false);
    expect(isVnTaxCode(null)).toBe(false);
    expect(isVnTaxCode(undefined)).toBe(false);
  });
});
