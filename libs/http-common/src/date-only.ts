import { registerDecorator, ValidationOptions } from 'class-validator';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date of this domain may fall in: a later one plus an inspection interval overflowed
 * MySQL's DATE (year 9999 + 6 months: a 500).
 */
export const DATE_YEARS = { min: 1900, max: 2999 } as const;

/** True for a `YYYY-MM-DD` string naming a day that exists (no 2026-02-30), within DATE_YEARS. */
export function isDateOnly(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < DATE_YEARS.min || y > DATE_YEARS.max) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date `YYYY-MM-DD` (SPEC §5a: never a timestamp, never shifted by time zone). */
export const IsDateOnly =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }) => {
          const year = Number((typeof value === 'string' && DATE_ONLY.exec(value)?.[1]) || DATE_YEARS.min);
          return year < DATE_YEARS.min || year > DATE_YEARS.max
            ? `${property} must be a date YYYY-MM-DD in the years ${DATE_YEARS.min}–${DATE_YEARS.max}`
            : `${property} must be a date YYYY-MM-DD that exists`;
        },
        ...options,
      },
      validator: { validate: isDateOnly },
    });
