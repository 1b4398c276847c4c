import { validate, validateSync, ValidationError } from 'class-validator';
import { CccdAgreesWith, IsCccd, IsVnMobile, IsVnTaxCode } from './validators';

function messages(errors: ValidationError[]): Record<string, string[]> {
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

function check<T extends object>(type: new () => T, values: Partial<T>): Record<string, string[]> {
  return messages(validateSync(Object.assign(new type(), values)));
}

const CCCD_MESSAGE = 'must be a 12-digit CCCD whose first three digits are a province code (001–096)';

class CitizenDto {
  @IsCccd()
  nationalId!: unknown;
}

class HouseholdDto {
  @IsCccd({ each: true })
  memberIds!: unknown;
}

class BusinessDto {
  @IsVnTaxCode()
  taxCode!: unknown;
}

class ContactDto {
  @IsVnMobile()
  phone!: unknown;
}

class FarmerDto {
  @CccdAgreesWith('birthYear', 'gender')
  nationalId!: unknown;

  birthYear?: unknown;
  gender?: unknown;
}

class BeneficiaryDto {
  @CccdAgreesWith('yearOfBirth', undefined, { message: 'CCCD does not match the beneficiary' })
  cccd!: unknown;

  yearOfBirth?: unknown;
  gender?: unknown;
}

class FamilyDto {
  @CccdAgreesWith('birthYear', undefined, { each: true })
  memberIds!: unknown;

  birthYear?: unknown;
}

describe('IsCccd', () => {
  it('passes a valid CCCD', () => {
    expect(check(CitizenDto, { nationalId: '020185001234' })).toEqual({});
  });

  it.each(['000185001234', '003185001234', '097185001234', '02018500123', '0201850012345', '02018500123A'])(
    'fails %j with the default message',
    (nationalId) => {
      expect(check(CitizenDto, { nationalId })).toEqual({ nationalId: [`nationalId ${CCCD_MESSAGE}`] });
    },
  );

  it('fails non-strings and a missing value', () => {
    expect(check(CitizenDto, { nationalId: 20185001234 })).toEqual({
      nationalId: [`nationalId ${CCCD_MESSAGE}`],
    });
    expect(check(CitizenDto, {})).toEqual({ nationalId: [`nationalId ${CCCD_MESSAGE}`] });
  });

  it('supports each', () => {
    expect(check(HouseholdDto, { memberIds: ['020185001234', '020300123456'] })).toEqual({});
    expect(check(HouseholdDto, { memberIds: ['020185001234', '097185001234'] })).toEqual({
      memberIds: [`each value in memberIds ${CCCD_MESSAGE}`],
    });
  });

  it('works through async validate()', async () => {
    const errors = await validate(Object.assign(new CitizenDto(), { nationalId: '003185001234' }));
    expect(messages(errors)).toEqual({ nationalId: [`nationalId ${CCCD_MESSAGE}`] });
    expect(errors[0].constraints).toHaveProperty('isCccd');
  });
});

describe('IsVnTaxCode', () => {
  it('passes head-office and branch codes', () => {
    expect(check(BusinessDto, { taxCode: '4900123456' })).toEqual({});
    expect(check(BusinessDto, { taxCode: '4900123456-001' })).toEqual({});
  });

  it.each(['490012345', '4900123456-01', '4900123456001', 4900123456])('fails %j', (taxCode) => {
    expect(check(BusinessDto, { taxCode })).toEqual({
      taxCode: ['taxCode must be 10 digits, optionally followed by -NNN for a branch'],
    });
  });
});

describe('IsVnMobile', () => {
  it.each(['0912345678', '+84912345678', '0388123456', '091 234 5678'])('passes %j', (phone) => {
    expect(check(ContactDto, { phone })).toEqual({});
  });

  it.each(['0212345678', '84912345678', '091234567', 912345678])('fails %j', (phone) => {
    expect(check(ContactDto, { phone })).toEqual({
      phone: [
        'phone must be a Vietnamese mobile number (0 or +84 followed by 9 digits starting 3, 5, 7, 8 or 9)',
      ],
    });
  });

  it('works through async validate()', async () => {
    const errors = await validate(Object.assign(new ContactDto(), { phone: '0612345678' }));
    expect(Object.keys(errors[0].constraints ?? {})).toEqual(['isVnMobile']);
  });
});

describe('CccdAgreesWith', () => {
  it('passes when birth year and gender agree', () => {
    expect(check(FarmerDto, { nationalId: '020085001234', birthYear: 1985, gender: 'male' })).toEqual({});
    expect(check(FarmerDto, { nationalId: '020300123456', birthYear: 2000, gender: 'female' })).toEqual({});
  });

  it('fails on a birth-year mismatch, naming both properties', () => {
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: 1990 })).toEqual({
      nationalId: ['nationalId says birth year 1985 but birthYear is 1990'],
    });
  });

  it('fails on a gender mismatch', () => {
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: 1985, gender: 'male' })).toEqual({
      nationalId: ['nationalId says female but gender is male'],
    });
  });

  it('skips the agreement check for absent siblings', () => {
    expect(check(FarmerDto, { nationalId: '020185001234' })).toEqual({});
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: null, gender: null })).toEqual({});
    expect(check(FarmerDto, { nationalId: '020185001234', gender: 'female' })).toEqual({});
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: 1985 })).toEqual({});
  });

  it('skips siblings that are not a year or a gender, leaving them to their own validators', () => {
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: 'unknown', gender: 'other' })).toEqual(
      {},
    );
  });

  it('reads a 4-digit birth-year string', () => {
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: '1985' })).toEqual({});
    expect(check(FarmerDto, { nationalId: '020185001234', birthYear: '1986' })).toEqual({
      nationalId: ['nationalId says birth year 1985 but birthYear is 1986'],
    });
  });

  it('fails an invalid CCCD even without siblings', () => {
    expect(check(FarmerDto, { nationalId: '097185001234' })).toEqual({
      nationalId: [`nationalId ${CCCD_MESSAGE}`],
    });
    expect(check(FarmerDto, { nationalId: 20185001234 })).toEqual({
      nationalId: [`nationalId ${CCCD_MESSAGE}`],
    });
  });

  it('does not check gender when no gender property is named', () => {
    expect(check(BeneficiaryDto, { cccd: '020185001234', yearOfBirth: 1985, gender: 'male' })).toEqual({});
  });

  it('uses a custom message', () => {
    expect(check(BeneficiaryDto, { cccd: '020185001234', yearOfBirth: 1984 })).toEqual({
      cccd: ['CCCD does not match the beneficiary'],
    });
  });

  it('reports the first failing element with each', () => {
    expect(check(FamilyDto, { memberIds: ['020185001234', '001085009999'], birthYear: 1985 })).toEqual({});
    expect(check(FamilyDto, { memberIds: ['020185001234', '001086009999'], birthYear: 1985 })).toEqual({
      memberIds: ['each value in memberIds says birth year 1986 but birthYear is 1985'],
    });
  });

  it('works through async validate()', async () => {
    const farmer = Object.assign(new FarmerDto(), { nationalId: '020300123456', birthYear: 1900 });
    const errors = await validate(farmer);
    expect(messages(errors)).toEqual({
      nationalId: ['nationalId says birth year 2000 but birthYear is 1900'],
    });
    expect(errors[0].constraints).toHaveProperty('cccdAgreesWith');
  });
});
