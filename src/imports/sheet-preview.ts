import { DataSource, EntityManager } from 'typeorm';
import { insertRows, placeholders, selectRows } from '../database/insert-rows';
import type { ImportRowError } from './import-job.entity';
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
/** Rows stored per round trip while the sheet is read. */
const ROW_BATCH = 2000;
const IMPORT_ROW_COLUMNS = ['importId', 'rowNumber', 'naturalKey', 'matchKey', 'data'] as const;

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
 * stored under the import id for the commit a batch at a time. Memory stays flat whatever the
 * file's size: a repeated key is found by the database (the unique natural-key index skips the
 * later row), not by a set of every key read.
 */
export async function scanSheet<T>(
  dataSource: DataSource,
  importId: string,
  file: { path: string; format: SheetFormat; limits: SheetLimits },
  spec: SheetSpec<T>,
): Promise<SheetScan> {
  const scan: SheetScan = { total: 0, valid: 0, invalid: 0, errors: [] };
  const addError = (e: ImportRowError) => scan.errors.length < PREVIEW_LIST_LIMIT && scan.errors.push(e);
  const em = dataSource.manager;
  let header: ColumnIndex | null = null;
  let pending: ValidRow<T>[] = [];
  const store = async (batch: ValidRow<T>[]) => {
    const keys = batch.map((p) => spec.key.of(p.value));
    const stored = await insertRows(
      em,
      'import_rows',
      IMPORT_ROW_COLUMNS,
      batch.map((p, i) => [
        importId,
        p.row,
        keys[i],
        spec.matchKey?.(p.value) ?? null,
        JSON.stringify(p.value),
      ]),
      { ignore: true, rowsPerStatement: ROW_BATCH },
    );
    scan.valid += stored;
    if (stored === batch.length) return;
    // Some keys were taken, by an earlier batch or an earlier row of this one: which, and by what row?
    const firstRowOf = new Map(
      (
        await selectRows<{ naturalKey: string; rowNumber: number }>(
          em,
          `SELECT naturalKey, rowNumber FROM import_rows WHERE importId = ? AND naturalKey IN (${placeholders(new Set(keys).size)})`,
          [importId, ...new Set(keys)],
        )
      ).map((r) => [r.naturalKey, Number(r.rowNumber)]),
    );
    batch.forEach((p, i) => {
      const first = firstRowOf.get(keys[i]);
      if (first === undefined || first === p.row) return;
      scan.invalid++;
      addError(
        toRowError(
          spec.columns,
          p.row,
          spec.key.field,
          `${spec.key.field} repeats row ${first} of this file`,
        ),
      );
    });
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
    await dataSource.getRepository(ImportRow).delete({ importId });
    throw error;
  }
  // Repeats are found a batch after the parse errors of their neighbours: list in sheet order.
  scan.errors.sort((a, b) => a.row - b.row);
  return scan;
}

export interface StoredRow<T> extends ValidRow<T> {
  matchKey: string;
}

/**
 * The stored rows of an import in match-key order (rows of a key in sheet order), `size` at a time,
 * read by keyset so each page is one index range.
 */
export async function* readInMatchOrder<T>(
  em: EntityManager,
  importId: string,
  size: number,
): AsyncGenerator<StoredRow<T>[]> {
  let after: { matchKey: string; row: number } | null = null;
  for (;;) {
    const records: Array<{ rowNumber: number; matchKey: string; data: string }> = await selectRows(
      em,
      `SELECT rowNumber, matchKey, data FROM import_rows WHERE importId = ?` +
        (after ? ' AND (matchKey > ? OR (matchKey = ? AND rowNumber > ?))' : '') +
        ` ORDER BY matchKey, rowNumber LIMIT ${Number(size)}`,
      after ? [importId, after.matchKey, after.matchKey, after.row] : [importId],
    );
    if (!records.length) return;
    const page = records.map((r) => ({
      row: Number(r.rowNumber),
      matchKey: r.matchKey,
      value: JSON.parse(r.data) as T,
    }));
    yield page;
    if (page.length < size) return;
    const last = page[page.length - 1];
    after = { matchKey: last.matchKey, row: last.row };
  }
}

/**
 * The stored rows in match-key order, in chunks of at most `size` rows and `maxBlocks` match blocks
 * that end where a block ends (a block larger than `size` is handed over in parts), so each block
 * is looked at in one piece, and what a chunk's blocks hold in the register stays bounded.
 */
export function readMatchChunks<T>(
  em: EntityManager,
  importId: string,
  size: number,
  maxBlocks = Infinity,
): AsyncGenerator<StoredRow<T>[]> {
  return chunkByBlock(readInMatchOrder<T>(em, importId, size), size, maxBlocks);
}

/** Pages of rows sorted by match key, re-cut as `readMatchChunks` describes. */
export async function* chunkByBlock<R extends { matchKey: string }>(
  pages: AsyncIterable<R[]>,
  size: number,
  maxBlocks: number,
): AsyncGenerator<R[]> {
  let chunk: R[] = [];
  let blocks = 0;
  let lastBlockAt = 0;
  for await (const page of pages) {
    for (const row of page) {
      if (!chunk.length || row.matchKey !== chunk[chunk.length - 1].matchKey) {
        if (chunk.length >= size || blocks >= maxBlocks) {
          yield chunk;
          chunk = [];
          blocks = 0;
        }
        lastBlockAt = chunk.length;
        blocks++;
      } else if (chunk.length >= size) {
        // Full in mid-block: the whole blocks before it go now, or a block larger than a chunk in part.
        yield lastBlockAt ? chunk.slice(0, lastBlockAt) : chunk;
        chunk = lastBlockAt ? chunk.slice(lastBlockAt) : [];
        blocks = 1;
        lastBlockAt = 0;
      }
      chunk.push(row);
    }
  }
  if (chunk.length) yield chunk;
}
