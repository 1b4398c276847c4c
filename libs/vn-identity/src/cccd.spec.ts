import { CCCD_PROVINCE_CODES, LANG_SON_PROVINCE_CODE, cccdMismatch, isCccd, parseCccd } from './cccd';

describe('CCCD_PROVINCE_CODES', () => {
  it('holds exactly the 63 province codes', () => {
    // prettier-ignore
    const expected = [
      '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022',
      '024', '025', '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042',
      '044', '045', '046', '048', '049', '051', '052', '054', '056', '058', '060', '062', '064', '066',
      '067', '068', '070', '072', '074', '075', '077', '079', '080', '082', '083', '084', '086', '087',
      '089', '091', '092', '093', '094', '095', '096',
    ];
    expect([...CCCD_PROVINCE_CODES].sort()).toEqual(expected);
    expect(CCCD_PROVINCE_CODES.size).toBe(63);
  });

  it('includes Lạng Sơn', () => {
    expect(LANG_SON_PROVINCE_CODE).toBe('020');
    expect(CCCD_PROVINCE_CODES.has(LANG_SON_PROVINCE_CODE)).toBe(true);
  });
});

describe('parseCccd', () => {
  it('reads a Lạng Sơn man born 1985', () => {
    expect(parseCccd('020085001234')).toEqual({ provinceCode: '020', gender: 'male', birthYear: 1985 });
  });

  it('reads a Lạng Sơn woman born 1985 (gender digit 1)', () => {
    expect(parseCccd('020185001234')).toEqual({ provinceCode: '020', gender: 'female', birthYear: 1985 });
  });

  it('reads a Lạng Sơn woman born 2000', () => {
    expect(parseCccd('020300123456')).toEqual({ provinceCode: '020', gender: 'female', birthYear: 2000 });
  });

  it('reads a Hà Nội man born 2003 and a Cà Mau woman born 1999', () => {
    expect(parseCccd('001203004567')).toEqual({ provinceCode: '001', gender: 'male', birthYear: 2003 });
    expect(parseCccd('096199000001')).toEqual({ provinceCode: '096', gender: 'female', birthYear: 1999 });
  });

  it.each([
    ['0', 'male', 1907],
    ['1', 'female', 1907],
    ['2', 'male', 2007],
    ['3', 'female', 2007],
    ['4', 'male', 2107],
    ['5', 'female', 2107],
    ['6', 'male', 2207],
    ['7', 'female', 2207],
    ['8', 'male', 2307],
    ['9', 'female', 2307],
  ])('gender/century digit %s means %s, born %i', (digit, gender, birthYear) => {
    expect(parseCccd(`079${digit}07123456`)).toEqual({ provinceCode: '079', gender, birthYear });
  });

  it.each([
    ['province 000', '000185001234'],
    ['province 003', '003185001234'],
    ['province 097', '097185001234'],
    ['province 099', '099185001234'],
    ['11 digits', '02018500123'],
    ['13 digits', '0201850012345'],
    ['a letter', '02018500123A'],
    ['a leading letter', 'C20185001234'],
    ['inner spaces', '020 185 001 234'],
    ['a trailing newline', '020185001234\n'],
    ['full-width digits', '０２０１８５００１２３４'],
    ['an empty string', ''],
  ])('rejects %s', (_label, id) => {
    expect(parseCccd(id)).toBeNull();
  });
});

describe('isCccd', () => {
  it('accepts valid CCCDs', () => {
    expect(isCccd('020185001234')).toBe(true);
    expect(isCccd('020300123456')).toBe(true);
  });

  it('rejects invalid strings and non-strings', () => {
    expect(isCccd('000185001234')).toBe(false);
    expect(isCccd('02018500123')).toBe(false);
    expect(isCccd(20185001234)).toBe(false);
    expect(isCccd(null)).toBe(false);
    expect(isCccd(undefined)).toBe(false);
    expect(isCccd({ id: '020185001234' })).toBe(false);
    expect(isCccd(['020185001234'])).toBe(false);
  });
});

describe('cccdMismatch', () => {
  it('returns null when birth year and gender agree', () => {
    expect(cccdMismatch('020085001234', 1985, 'male')).toBeNull();
    expect(cccdMismatch('020300123456', 2000, 'female')).toBeNull();
  });

  it('returns null when there is nothing to compare against', () => {
    expect(cccdMismatch('020085001234')).toBeNull();
    expect(cccdMismatch('020085001234', undefined, 'male')).toBeNull();
    expect(cccdMismatch('020085001234', 1985)).toBeNull();
  });

  it('explains a birth-year mismatch', () => {
    expect(cccdMismatch('020185001234', 1990)).toBe('CCCD says birth year 1985 but birth year is 1990');
  });

  it('tells centuries apart', () => {
    expect(cccdMismatch('020300123456', 1900)).toBe('CCCD says birth year 2000 but birth year is 1900');
  });

  it('explains a gender mismatch', () => {
    expect(cccdMismatch('020185001234', 1985, 'male')).toBe('CCCD says female but gender is male');
    expect(cccdMismatch('020085001234', undefined, 'female')).toBe('CCCD says male but gender is female');
  });

  it('reports the birth year first when both disagree', () => {
    expect(cccdMismatch('020185001234', 1986, 'male')).toBe(
      'CCCD says birth year 1985 but birth year is 1986',
    );
  });

  it('never lets an invalid CCCD agree', () => {
    const reason = 'CCCD is not valid: it must be 12 digits whose first three are a province code (001–096)';
    expect(cccdMismatch('000185001234', 1985)).toBe(reason);
    expect(cccdMismatch('02018500123')).toBe(reason);
  });
});
