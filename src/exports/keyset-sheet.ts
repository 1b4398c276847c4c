import * as ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const BATCH = 1000;

export interface KeysetSheet<E extends ObjectLiteral> {
  sheetName: string;
  columns: Array<{ header: string; key: string }>;
  /** The scoped, filtered query; pages are taken by id after it. */
  query: () => SelectQueryBuilder<E>;
  /** Extra data for a page (one query per page, never per row). */
  enrich?: (page: E[]) => Promise<unknown>;
  toRow: (row: E, extra: unknown) => Record<string, unknown>;
}

/**
 * Keyset pages of 1000 rows straight into ExcelJS's streaming writer: memory stays flat whatever
 * the number of rows, and the response starts before the last page is read.
 */
export async function writeKeysetSheet<E extends ObjectLiteral & { id: string }>(
  out: Writable,
  spec: KeysetSheet<E>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(spec.sheetName);
  sheet.columns = spec.columns;
  let after = '';
  for (;;) {
    const qb = spec.query();
    const page = await qb
      .andWhere(`${qb.alias}.id > :keysetAfter`, { keysetAfter: after })
      .orderBy(`${qb.alias}.id`, 'ASC')
      .take(BATCH)
      .getMany();
    const extra = spec.enrich ? await spec.enrich(page) : undefined;
    for (const row of page) sheet.addRow(spec.toRow(row, extra)).commit();
    if (page.length < BATCH) break;
    after = page[page.length - 1].id;
  }
  sheet.commit();
  await workbook.commit();
}
