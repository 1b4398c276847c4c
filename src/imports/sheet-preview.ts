import { DataSource, In } from 'typeorm';
import type { ImportRowError } from './import-job.entity';
import { bulkInsert } from '../database/bulk-insert';
import { ImportRow } from './import-row.entity';
import { ColumnIndex, indexHeader, SheetColumn, toRowError } from './sheet-columns';
import { readSheet, SheetFormat, SheetLimits } from './sheet-reader';

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
  /** Rows that may be duplicates of each other share this key (see `readMatchBlocks`). */
  matchKey?(value: T): string;
}

export interface ValidRow<T> {
  row: number;
  value: T;
}

export interface SheetScan {
  total: number;
  valid: number;
  invalid: number;
  errors: ImportRowError[];
}

/**
 * Streams a sheet through a spec: the header row first, then every row validated; valid rows are
 * stored under the import id for the commit a batch at a time, and `onBatch` sees each stored
 * batch. Memory stays flat whatever the file's size: repeated keys are found in the stored rows.
 */
export async function scanSheet<T>(
  dataSource: DataSource,
  importId: string,
  file: { path: string; format: SheetFormat; limits: SheetLimits },
  spec: SheetSpec<T>,
  onBatch: (rows: ValidRow<T>[]) => Promise<void> = async () => undefined,
): Promise<SheetScan> {
  const scan: SheetScan = { total: 0, valid: 0, invalid: 0, errors: [] };
  const addError = (e: ImportRowError) => scan.errors.length < PREVIEW_LIST_LIMIT && scan.errors.push(e);
  const rows = dataSource.getRepository(ImportRow);
  let header: ColumnIndex | null = null;
  let pending: ValidRow<T>[] = [];
  const store = async (batch: ValidRow<T>[]) => {
    const keys = batch.map((p) => spec.key.of(p.value));
    const stored = await rows.find({
      where: { importId, naturalKey: In([...new Set(keys)]) },
      select: { naturalKey: true, rowNumber: true },
    });
    const firstRowOf = new Map(stored.map((r) => [r.naturalKey, r.rowNumber]));
    const kept: ValidRow<T>[] = [];
    batch.forEach((p, i) => {
      const first = firstRowOf.get(keys[i]);
      if (first) {
        scan.invalid++;
        addError(
          toRowError(
            spec.columns,
            p.row,
            spec.key.field,
            `${spec.key.field} repeats row ${first} of this file`,
          ),
        );
        return;
      }
      firstRowOf.set(keys[i], p.row);
      kept.push(p);
    });
    scan.valid += kept.length;
    if (!kept.length) return;
    await bulkInsert(
      dataSource.manager,
      ImportRow,
      kept.map((p) => ({
        importId,
        rowNumber: p.row,
        naturalKey: spec.key.of(p.value),
        matchKey: spec.matchKey?.(p.value) ?? null,
        data: JSON.stringify(p.value),
      })),
    );
    await onBatch(kept);
  };
  // The database stores one batch while the next is parsed; batches still land in sheet order.
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    await storing;
    storing = batch.length ? store(batch) : Promise.resolve();
    storing.catch(() => undefined); // awaited by the next flush; this only keeps it from being "unhandled"
  };
  try {
    for await (const { row, cells } of readSheet(file.path, file.format, file.limits)) {
      if (!header) {
        header = indexHeader(spec.columns, cells);
        continue;
      }
      scan.total++;
      const { value, errors } = spec.parse(row, cells, header);
      if (value === undefined) {
        scan.invalid++;
        errors.forEach(addError);
        continue;
      }
      pending.push({ row, value });
      if (pending.length >= ROW_BATCH) await flush();
    }
    if (!header) indexHeader(spec.columns, []); // an empty file: answered as a sheet without its header row
    await flush();
    await storing;
  } catch (error) {
    // A sheet that breaks halfway (malformed XML, a bad cell) leaves no stored rows behind.
    await storing.catch(() => undefined);
    await rows.delete({ importId });
    throw error;
  }
  // Repeats are found a batch after the parse errors of their neighbours: list in sheet order.
  scan.errors.sort((a, b) => a.row - b.row);
  return scan;
}

const BLOCK_PAGE = 5000;

/**
 * The stored rows of an import, one match block at a time (in key order, rows in sheet order), so
 * comparing rows within blocks never holds more than a page of the file. A block larger than a
 * page is handed over in its first page only.
 */
export async function* readMatchBlocks<T>(
  dataSource: DataSource,
  importId: string,
): AsyncGenerator<ValidRow<T>[]> {
  let after = '';
  for (;;) {
    const page = await dataSource
      .getRepository(ImportRow)
      .createQueryBuilder('r')
      .select(['r.rowNumber', 'r.matchKey', 'r.data'])
      .where('r.importId = :importId AND r.matchKey > :after', { importId, after })
      .orderBy('r.matchKey', 'ASC')
      .addOrderBy('r.rowNumber', 'ASC')
      .take(BLOCK_PAGE)
      .getMany();
    if (!page.length) return;
    const full = page.length === BLOCK_PAGE;
    const lastKey = page[page.length - 1].matchKey!;
    // A full page may end mid-block: that block starts the next page, unless it fills this one alone.
    const complete = full && page[0].matchKey !== lastKey ? page.filter((r) => r.matchKey !== lastKey) : page;
    let block: ValidRow<T>[] = [];
    let key: string | null = null;
    for (const r of complete) {
      if (r.matchKey !== key && block.length) {
        yield block;
        block = [];
      }
      key = r.matchKey;
      block.push({ row: r.rowNumber, value: JSON.parse(r.data) as T });
    }
    if (block.length) yield block;
    if (!full) return;
    after = complete[complete.length - 1].matchKey!;
  }
}
