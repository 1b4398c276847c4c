import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { Env } from '../config/env';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row number a person sees in the spreadsheet (header = 1). */
  row: number;
  cells: string[];
}

const XLSX_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'application/zip',
]);
const CSV_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

/** .xlsx or .csv by name and declared type; anything else is 415. */
export function sheetFormat(fileName: string, mimeType: string): SheetFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx') && XLSX_TYPES.has(mimeType)) return 'xlsx';
  if (name.endsWith('.csv') && CSV_TYPES.has(mimeType)) return 'csv';
  throw new UnsupportedMediaTypeException('Upload an .xlsx workbook or a .csv file (UTF-8)');
}

/** What one import may cost: IMPORT_MAX_ROWS rows, IMPORT_MAX_INFLATED_BYTES once unzipped. */
export interface SheetLimits {
  maxRows: number;
  maxInflatedBytes: number;
}

export const sheetLimits = (config: ConfigService<Env, true>): SheetLimits => ({
  maxRows: config.get('IMPORT_MAX_ROWS', { infer: true }),
  maxInflatedBytes: config.get('IMPORT_MAX_INFLATED_BYTES', { infer: true }),
});

/**
 * Streams the rows of the first worksheet (or the CSV) as text cells, so memory stays flat
 * whatever the file's size; a sheet beyond the limits is refused with 413.
 */
export async function* readSheet(
  path: string,
  format: SheetFormat,
  limits: SheetLimits,
): AsyncGenerator<SheetRow> {
  let seen = 0;
  // Every row counts, empty ones too (they are parsed all the same); the header is row 1.
  const count = () => {
    if (++seen > limits.maxRows + 1) {
      throw new PayloadTooLargeException(
        `The sheet has more than ${limits.maxRows} rows; split it into files of at most ${limits.maxRows} rows`,
      );
    }
  };
  try {
    if (format === 'csv') {
      const parser = createReadStream(path).pipe(
        parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
      );
      let row = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        count();
        yield { row: ++row, cells: record.map((c) => c.trim()) };
      }
      return;
    }
    await assertInflatesWithin(path, limits.maxInflatedBytes);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        count();
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.some((v) => v !== '')) yield { row: row.number, cells: values };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof HttpException) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestException(
      `The file could not be read as ${format === 'csv' ? 'CSV' : 'an .xlsx workbook'}: ${reason}`,
    );
  }
}

/** unzipper, the very copy exceljs reads workbooks with: both see the same parts of a crafted zip. */
const unzipper = createRequire(require.resolve('exceljs'))('unzipper') as {
  Parse(options: { forceStream: true }): NodeJS.ReadWriteStream;
};

/**
 * A zip bomb (a part that inflates to gigabytes from a few kB) is refused before exceljs parses
 * it: exceljs keeps shared strings in memory and may spill a worksheet to a temporary file whole.
 * This pass inflates the parts once, counting, and stops at the limit.
 */
async function assertInflatesWithin(path: string, maxBytes: number): Promise<void> {
  const file = createReadStream(path);
  const entries = file.pipe(unzipper.Parse({ forceStream: true }));
  let total = 0;
  try {
    for await (const entry of entries as AsyncIterable<AsyncIterable<Buffer>>) {
      for await (const chunk of entry) {
        total += chunk.length;
        if (total > maxBytes) {
          throw new PayloadTooLargeException(
            `The workbook unzips to more than ${Math.floor(maxBytes / 1024 / 1024)} MB; split it or save it as CSV`,
          );
        }
      }
    }
  } finally {
    file.destroy();
    (entries as unknown as { destroy(): void }).destroy();
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}
