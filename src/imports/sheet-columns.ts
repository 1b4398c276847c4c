import { BadRequestException } from '@nestjs/common';
import { toFieldErrors } from '@lienket/http-common';
import { foldVietnamese } from '@lienket/vn-identity';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ImportRowError } from './import-job.entity';

export interface SheetColumn {
  field: string;
  header: string;
  required: boolean;
  aliases: string[];
  /** What a person must fix, in Vietnamese. */
  hintVi: string;
}

export type ColumnIndex = Map<string, number>;

/** Columns several sheets share. */
export const PHONE_COLUMN: SheetColumn = {
  field: 'phone',
  header: 'Số điện thoại',
  required: false,
  aliases: ['dien thoai', 'sdt', 'phone'],
  hintVi: 'Số điện thoại di động: 0 hoặc +84 và 9 chữ số',
};
export const COMMUNE_COLUMN: SheetColumn = {
  field: 'communeCode',
  header: 'Xã/phường',
  required: true,
  aliases: ['xa phuong', 'xa', 'ma xa', 'communecode'],
  hintVi: 'Xã/phường phải có trong danh mục của tỉnh (tên hoặc mã 5 số)',
};

/** Finds each column in the header row (case and diacritics ignored); a missing required one is a 400. */
export function indexHeader(columns: SheetColumn[], cells: string[]): ColumnIndex {
  const folded = cells.map((c) =>
    foldVietnamese(c)
      .replace(/[^a-z0-9/ ]/g, '')
      .trim(),
  );
  const index: ColumnIndex = new Map();
  for (const column of columns) {
    const names = [foldVietnamese(column.header), ...column.aliases];
    const at = folded.findIndex((f) => names.includes(f) || names.includes(f.replace(/\//g, ' ')));
    if (at >= 0) index.set(column.field, at);
  }
  const missing = columns.filter((c) => c.required && !index.has(c.field)).map((c) => c.header);
  if (missing.length) {
    throw new BadRequestException(
      `The first row must hold the column headers of the template; missing: ${missing.join(', ')} ` +
        `(thiếu cột: ${missing.join(', ')})`,
    );
  }
  return index;
}

/** Reads a cell by field name; absent columns read as empty. */
export const cellReader =
  (cells: string[], index: ColumnIndex) =>
  (field: string): string =>
    index.has(field) ? (cells[index.get(field)!] ?? '').trim() : '';

/** dd/mm/yyyy as people type it → yyyy-mm-dd; anything else is left for the validator to judge. */
export function toIsoDate(v: string): string {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  return vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : v;
}

/** A phone that lost its leading 0 in a numeric cell gets it back. */
export function sheetPhone(v: string): string | undefined {
  const digits = v.replace(/[\s.]/g, '');
  if (!digits) return undefined;
  return /^[35789]\d{8}$/.test(digits) ? `0${digits}` : digits;
}

export function toRowError(
  columns: SheetColumn[],
  row: number,
  field: string,
  message: string,
): ImportRowError {
  const column =
    columns.find((c) => field === c.field || field.startsWith(`${c.field}.`)) ??
    columns.find((c) => c.field.startsWith(field.split('.')[0]));
  return {
    row,
    field: column?.header ?? field,
    message,
    messageVi: column?.hintVi ?? 'Giá trị không hợp lệ',
  };
}

/** The API's own DTO validation on a sheet row. */
export function validateAs<T extends object>(
  dtoClass: new () => T,
  value: Record<string, unknown>,
): { dto: T; errors: Array<{ field: string; message: string }> } {
  const dto = plainToInstance(dtoClass, value);
  return { dto, errors: toFieldErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })) };
}
