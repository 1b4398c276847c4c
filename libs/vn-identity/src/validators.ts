import { buildMessage, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { CccdGender, findCccdDisagreement, isCccd } from './cccd';
import { isVnMobile } from './vn-mobile';
import { isVnTaxCode } from './tax-code';

const CCCD_MESSAGE =
  '$property must be a 12-digit CCCD whose first three digits are a province code (001–096)';

export function IsCccd(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCccd',
      validator: {
        validate: (value: unknown): boolean => isCccd(value),
        defaultMessage: buildMessage((eachPrefix) => eachPrefix + CCCD_MESSAGE, options),
      },
    },
    options,
  );
}

export function IsVnTaxCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVnTaxCode',
      validator: {
        validate: (value: unknown): boolean => isVnTaxCode(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be 10 digits, optionally followed by -NNN for a branch`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsVnMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVnMobile',
      validator: {
        validate: (value: unknown): boolean => isVnMobile(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a Vietnamese mobile number ` +
            '(0 or +84 followed by 9 digits starting 3, 5, 7, 8 or 9)',
          options,
        ),
      },
    },
    options,
  );
}

interface CccdSiblings {
  birthYearProperty: string;
  genderProperty?: string;
}

// Sibling values that cannot be read as a year / gender are treated as absent: the sibling
// property's own validators are the place to reject them.
function readBirthYear(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d{4}$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function readGender(value: unknown): CccdGender | undefined {
  return value === 'male' || value === 'female' ? value : undefined;
}

function siblingValue(args: ValidationArguments, property: string | undefined): unknown {
  return property === undefined ? undefined : (args.object as Record<string, unknown>)[property];
}

function describeDisagreement(
  value: unknown,
  args: ValidationArguments,
  siblings: CccdSiblings,
): string | null {
  if (typeof value !== 'string') {
    return CCCD_MESSAGE;
  }
  const disagreement = findCccdDisagreement(
    value,
    readBirthYear(siblingValue(args, siblings.birthYearProperty)),
    readGender(siblingValue(args, siblings.genderProperty)),
  );
  switch (disagreement?.kind) {
    case undefined:
      return null;
    case 'invalid':
      return CCCD_MESSAGE;
    case 'birthYear':
      return (
        `$property says birth year ${disagreement.cccdBirthYear} ` +
        `but ${siblings.birthYearProperty} is ${disagreement.givenBirthYear}`
      );
    case 'gender':
      return (
        `$property says ${disagreement.cccdGender} ` +
        `but ${siblings.genderProperty} is ${disagreement.givenGender}`
      );
  }
}

/**
 * Put on the CCCD property: it must be a valid CCCD whose encoded birth year (and gender, when
 * `genderProperty` is given) agree with those sibling properties. Absent siblings are not checked.
 */
export function CccdAgreesWith(
  birthYearProperty: string,
  genderProperty?: string,
  options?: ValidationOptions,
): PropertyDecorator {
  const siblings: CccdSiblings = { birthYearProperty, genderProperty };
  return ValidateBy(
    {
      name: 'cccdAgreesWith',
      constraints: [birthYearProperty, genderProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments): boolean =>
          args !== undefined && describeDisagreement(value, args, siblings) === null,
        defaultMessage: buildMessage((eachPrefix, args) => {
          if (!args) {
            return eachPrefix + CCCD_MESSAGE;
          }
          // With `each`, args.value is the whole collection: report the first element that fails.
          const values: unknown[] = !options?.each
            ? [args.value]
            : Array.isArray(args.value) || args.value instanceof Set
              ? [...args.value]
              : args.value instanceof Map
                ? [...args.value.values()]
                : [args.value];
          const reasons = values.map((value) => describeDisagreement(value, args, siblings));
          return eachPrefix + (reasons.find((reason) => reason !== null) ?? CCCD_MESSAGE);
        }, options),
      },
    },
    options,
  );
}
