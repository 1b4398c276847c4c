import { Column } from 'typeorm';

/** mysql2 answers DECIMAL as a string (exactness); hectares fit a JS number with 2 decimals. */
const toNumber = {
  to: (v?: number | null) => v,
  // SQLite keeps DECIMAL as REAL: 0.1 + 0.2 would come back as 0.30000000000000004.
  from: (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100),
};

/** The largest value a DecimalColumn holds (DECIMAL(12, 2)): a DTO's @Max above it let MySQL refuse the row (500). */
export const DECIMAL_MAX = 9_999_999_999.99;

/** Hectares and tonnes with 2 decimals (SPEC §3), read back as numbers on every engine. */
export const DecimalColumn = (options: { nullable?: boolean; default?: number } = {}): PropertyDecorator =>
  Column({ type: 'decimal', precision: 12, scale: 2, transformer: toNumber, ...options });
