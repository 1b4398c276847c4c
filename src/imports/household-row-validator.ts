import { DATE_YEARS, isDateOnly } from '@lienket/http-common';
import { isVnMobile, parseCccd } from '@lienket/vn-identity';
import { isIn, isInt, isNotEmpty, isString, matches, max, maxLength, min } from 'class-validator';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { GENDERS, POVERTY_STATUSES } from '../households/household.entity';
import { validateAs } from './sheet-columns';

type FieldError = { field: string; message: string };

/** As the DTO reads it: `@Max(new Date().getFullYear())` is fixed when the class is defined. */
const THIS_YEAR = new Date().getFullYear();
const CCCD_MESSAGE = 'must be a 12-digit CCCD whose first three digits are a province code (001–096)';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The fields a normalised sheet row may carry (normalizeHouseholdRow); anything else goes the slow way. */
const FIELDS = new Set([
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
  'consent',
]);

const absent = (v: unknown) => v === undefined || v === null;

/** @IsString @IsNotEmpty @MaxLength(n), reported as class-validator does: last decorator first. */
function text(errors: FieldError[], field: string, property: string, value: unknown, length: number) {
  if (!maxLength(value, length))
    errors.push({ field, message: `${property} must be shorter than or equal to ${length} characters` });
  if (!isNotEmpty(value)) errors.push({ field, message: `${property} should not be empty` });
  if (!isString(value)) errors.push({ field, message: `${property} must be a string` });
}

/** @IsInt @Min(low) @Max(high), reported last decorator first. */
function integer(errors: FieldError[], field: string, value: unknown, low: number, high: number) {
  if (!max(value, high)) errors.push({ field, message: `${field} must not be greater than ${high}` });
  if (!min(value, low)) errors.push({ field, message: `${field} must not be less than ${low}` });
  if (!isInt(value)) errors.push({ field, message: `${field} must be an integer number` });
}

function oneOf(errors: FieldError[], field: string, value: unknown, values: readonly string[]) {
  if (!isIn(value, values as string[]))
    errors.push({ field, message: `${field} must be one of the following values: ${values.join(', ')}` });
}

/** @CccdAgreesWith('birthYear', 'gender') (siblings read as it reads them), then @IsCccd. */
function nationalId(errors: FieldError[], value: unknown, birthYear: unknown, gender: unknown) {
  const cccd = typeof value === 'string' ? parseCccd(value) : null;
  if (!cccd) {
    errors.push({ field: 'nationalId', message: `nationalId ${CCCD_MESSAGE}` });
    errors.push({ field: 'nationalId', message: `nationalId ${CCCD_MESSAGE}` });
    return;
  }
  const year =
    typeof birthYear === 'number' && Number.isInteger(birthYear)
      ? birthYear
      : typeof birthYear === 'string' && /^\d{4}$/.test(birthYear)
        ? Number(birthYear)
        : undefined;
  if (year !== undefined && cccd.birthYear !== year) {
    errors.push({
      field: 'nationalId',
      message: `nationalId says birth year ${cccd.birthYear} but birthYear is ${year}`,
    });
  } else if ((gender === 'male' || gender === 'female') && cccd.gender !== gender) {
    errors.push({ field: 'nationalId', message: `nationalId says ${cccd.gender} but gender is ${gender}` });
  }
}

/**
 * CreateHouseholdDto's validation (as `validateAs` runs it: every constraint, whitelist) written
 * out for the values a sheet row normalises to: the same errors, fields and messages, in the same
 * order, at a fraction of class-validator's cost per row. household-row-validator.spec.ts holds it
 * to class-validator on generated rows; a value of another shape is handed to class-validator.
 */
export function validateHouseholdValue(value: Record<string, unknown>): {
  dto: CreateHouseholdDto;
  errors: FieldError[];
} {
  const consent = value.consent;
  if (
    Object.keys(value).some((k) => !FIELDS.has(k)) ||
    (consent !== undefined &&
      (typeof consent !== 'object' ||
        consent === null ||
        Array.isArray(consent) ||
        Object.keys(consent).some((k) => k !== 'givenOn' && k !== 'scope')))
  ) {
    return validateAs(CreateHouseholdDto, value);
  }
  const errors: FieldError[] = [];
  text(errors, 'headName', 'headName', value.headName, 120);
  nationalId(errors, value.nationalId, value.birthYear, value.gender);
  oneOf(errors, 'gender', value.gender, GENDERS);
  integer(errors, 'birthYear', value.birthYear, 1900, THIS_YEAR);
  if (!matches(value.ethnicity as string, /^\d{2}$/))
    errors.push({ field: 'ethnicity', message: 'ethnicity must be a two-digit code from GET /ethnicities' });
  if (!absent(value.phone) && !isVnMobile(value.phone)) {
    errors.push({
      field: 'phone',
      message:
        'phone must be a Vietnamese mobile number (0 or +84 followed by 9 digits starting 3, 5, 7, 8 or 9)',
    });
  }
  if (!matches(value.communeCode as string, /^\d{5}$/))
    errors.push({ field: 'communeCode', message: 'communeCode must be a 5-digit commune code' });
  if (!absent(value.village)) text(errors, 'village', 'village', value.village, 120);
  integer(errors, 'memberCount', value.memberCount, 1, 50);
  oneOf(errors, 'povertyStatus', value.povertyStatus, POVERTY_STATUSES);
  if (!absent(value.povertyAssessedYear))
    integer(errors, 'povertyAssessedYear', value.povertyAssessedYear, 2000, THIS_YEAR);
  if (!absent(consent)) {
    const { givenOn, scope } = consent as Record<string, unknown>;
    if (!isDateOnly(givenOn)) {
      const year = Number((typeof givenOn === 'string' && DATE_ONLY.exec(givenOn)?.[1]) || DATE_YEARS.min);
      errors.push({
        field: 'consent.givenOn',
        message:
          year < DATE_YEARS.min || year > DATE_YEARS.max
            ? `givenOn must be a date YYYY-MM-DD in the years ${DATE_YEARS.min}–${DATE_YEARS.max}`
            : 'givenOn must be a date YYYY-MM-DD that exists',
      });
    }
    text(errors, 'consent.scope', 'scope', scope, 200);
  }
  return { dto: value as unknown as CreateHouseholdDto, errors };
}
