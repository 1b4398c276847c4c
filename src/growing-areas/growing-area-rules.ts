import { FieldError, ValidationFailedException } from '@lienket/http-common';
import type { CertificateKind } from '../certification/inspection-schedule';
import { checkBoundary } from './boundary';

/** Field rules the DTO cannot express alone (markets only when given), all of them at once, as one 400. */
export function checkGrowingAreaFields(
  fields: {
    code?: string;
    kind: CertificateKind;
    markets?: string[];
    boundary?: Record<string, unknown> | null;
  },
  codePattern: RegExp,
): { boundaryAreaHa: number | null } {
  const errors: FieldError[] = [];
  if (fields.code !== undefined && !codePattern.test(fields.code)) {
    errors.push({ field: 'code', message: `code must match ${codePattern.source}` });
  }
  if (fields.markets !== undefined) {
    const markets = fields.markets;
    if (fields.kind === 'export' && !markets.length)
      errors.push({ field: 'markets', message: 'markets are required for an export code' });
    if (fields.kind === 'domestic' && markets.length)
      errors.push({ field: 'markets', message: 'a domestic code has no export markets' });
  }
  let boundaryAreaHa: number | null = null;
  if (fields.boundary) {
    const check = checkBoundary(fields.boundary);
    errors.push(...check.errors.map((message) => ({ field: 'boundary', message })));
    boundaryAreaHa = check.areaHa ?? null;
  }
  if (errors.length) throw new ValidationFailedException(errors);
  return { boundaryAreaHa };
}
