import { DataSource } from 'typeorm';
import type { ImportRowError } from './import-job.entity';
import { ImportRow } from './import-row.entity';
import { ColumnIndex, indexHeader, SheetColumn, toRowError } from './sheet-columns';
import { readSheet, SheetFormat } from './sheet-reader';

/** Errors (and duplicates) beyond this many are counted, not listed. */
export const PREVIEW_LIST_LIMIT = 1000;
/** The lists are kept in TEXT columns (64 KiB on MySQL): leave room. */
const LIST_BYTES = 60_000;

/** The longest head of the list whose JSON fits the column. */
export function fitList<T>(list: T[]): T[] {
  let n = list.length;
  while (n > 0 && Buffer.byteLength(JSON.stringify(list.slice(0, n))) > LIST_BYTES) n = Math.floor(n * 0.8);
  return list.slice(0, n);
}
const ROW_BATCH = 1000;

export interface SheetSpec<T> {
  columns: SheetColumn[];
  /** The row's normalised, validated value, or its errors. */
  parse(row: number, cells: string[], header: ColumnIndex): { value?: T; errors: ImportRowError[] };
  /** The natural key (CCCD, tax code): a key repeated within the file is an error on the later row. */
  key: { field: string; of(value: T): string };
}

export interface SheetScan {
  total: number;
  valid: number;
  invalid: number;
  errors: ImportRowError[];
}

/**
 * Streams a sheet through a spec: the header row first, then every row validated; valid rows are
 * stored (batched) under the import id for the commit, and `onValid` sees each of them.
 */
export async function scanSheet<T>(
  dataSource: DataSource,
  importId: string,
  file: { path: string; format: SheetFormat },
  spec: SheetSpec<T>,
  onValid: (row: number, value: T) => void = () => undefined,
): Promise<SheetScan> {
  const scan: SheetScan = { total: 0, valid: 0, invalid: 0, errors: [] };
  const addError = (e: ImportRowError) => scan.errors.length < PREVIEW_LIST_LIMIT && scan.errors.push(e);
  const firstRowOf = new Map<string, number>();
  let header: ColumnIndex | null = null;
  let buffer: ImportRow[] = [];
  const flush = async () => {
    if (buffer.length) await dataSource.getRepository(ImportRow).insert(buffer);
    buffer = [];
  };
  for await (const { row, cells } of readSheet(file.path, file.format)) {
    if (!header) {
      header = indexHeader(spec.columns, cells);
      continue;
    }
    scan.total++;
    const { value, errors } = spec.parse(row, cells, header);
    const repeats = value === undefined ? undefined : firstRowOf.get(spec.key.of(value));
    if (value === undefined || repeats) {
      scan.invalid++;
      errors.forEach(addError);
      if (repeats)
        addError(
          toRowError(
            spec.columns,
            row,
            spec.key.field,
            `${spec.key.field} repeats row ${repeats} of this file`,
          ),
        );
      continue;
    }
    firstRowOf.set(spec.key.of(value), row);
    scan.valid++;
    onValid(row, value);
    buffer.push({ importId, rowNumber: row, data: JSON.stringify(value) });
    if (buffer.length >= ROW_BATCH) await flush();
  }
  if (!header) indexHeader(spec.columns, []); // an empty file: answered as a sheet without its header row
  await flush();
  return scan;
}
