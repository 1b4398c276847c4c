import { isVnMobile, normalizeVnMobile } from './vn-mobile';

describe('normalizeVnMobile', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['0388123456', '0388123456'],
    ['0523456789', '0523456789'],
    ['0701234567', '0701234567'],
    ['0812345678', '0812345678'],
    ['0987654321', '0987654321'],
    ['+84388123456', '0388123456'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeVnMobile(input)).toBe(expected);
  });

  it.each([
    '091 234 5678',
    '091.234.5678',
    '091-234-5678',
    '0912 345 678',
    '091  234 5678',
    '091 - 234 - 5678',
    '+84 91 234 5678',
    '+84-912-345-678',
    '+84.912.345.678',
  ])('ignores separators between digit groups in %j', (input) => {
    expect(normalizeVnMobile(input)).toBe('0912345678');
  });

  it.each([
    ['a 02 landline prefix', '0212345678'],
    ['a 01 prefix', '0112345678'],
    ['a 04 prefix', '0412345678'],
    ['a 06 prefix', '0612345678'],
    ['9 digits after 0', '091234567'],
    ['11 digits after 0', '09123456789'],
    ['+84 followed by 0', '+840912345678'],
    ['84 without the plus', '84912345678'],
    ['the 0084 prefix', '0084912345678'],
    ['another country code', '+85912345678'],
    ['leading whitespace', ' 0912345678'],
    ['trailing whitespace', '0912345678 '],
    ['a trailing separator', '091 234 5678.'],
    ['a space after the plus', '+ 84912345678'],
    ['underscores', '091_234_5678'],
    ['parentheses', '(091) 234 5678'],
    ['a letter', '091a2345678'],
    ['an empty string', ''],
  ])('rejects %s', (_label, input) => {
    expect(normalizeVnMobile(input)).toBeNull();
  });
});

describe('isVnMobile', () => {
  it('accepts mobile numbers in any supported spelling', () => {
    expect(isVnMobile('0912345678')).toBe(true);
    expect(isVnMobile('+84912345678')).toBe(true);
    expect(isVnMobile('091 234 5678')).toBe(true);
  });

  it('rejects invalid strings and non-strings', () => {
    expect(isVnMobile('0212345678')).toBe(false);
    expect(isVnMobile(912345678)).toBe(false);
    expect(isVnMobile(null)).toBe(false);
    expect(isVnMobile(undefined)).toBe(false);
  });
});
