import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { registerDecorator } from 'class-validator';
import { FieldError } from './error-body';

/** Flattens nested class-validator errors into `{field, message}` pairs with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(e.children ?? [], field)];
  });
}

export class ValidationFailedException extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', details });
  }
}

/** Strict pipe: unknown fields are rejected, types are converted, errors name each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: the first constraint that fails says what to fix.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(toFieldErrors(errors)),
  });
}

/**
 * A finite number with at most two decimals (hectares, volumes, tonnes). Instead of class-validator's
 * IsNumber({ maxDecimalPlaces }), which throws (500) on a number that prints in exponent form
 * such as 1e-7: it counts decimals in `toString()` and finds no '.'.
 */
export const IsHundredths = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isHundredths',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: '$property must be a number with at most 2 decimals' },
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value,
    },
  });
