import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';

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

/**
 * Streams the rows of the first worksheet (or the CSV) as text cells, so memory stays flat
 * whatever the file's size.
 */
export async function* readSheet(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  try {
    if (format === 'csv') {
      const parser = createReadStream(path).pipe(
        parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
      );
      let row = 0;
      for await (const record of parser as AsyncIterable<string[]>)
        yield { row: ++row, cells: record.map((c) => c.trim()) };
      return;
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.some((v) => v !== '')) yield { row: row.number, cells: values };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof BadRequestException) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestException(
      `The file could not be read as ${format === 'csv' ? 'CSV' : 'an .xlsx workbook'}: ${reason}`,
    );
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
