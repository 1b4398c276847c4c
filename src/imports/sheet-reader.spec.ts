import * as ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from './sheet-reader';

// exceljs inflates a workbook's parts in chunks of a few kB; each chunk must not be decoded on its
// own, or a multi-byte character cut between two chunks becomes U+FFFD (patches/exceljs+*.patch).
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc'];
const GIVEN = ['Đào', 'Thụ', 'Hương', 'Quỳnh', 'Dũng', 'Nguyệt', 'Tuấn', 'Ánh', 'Lũy', 'Ước'];
const ROWS = 20_000;

const rowCells = (i: number) => [
  // The row number keeps every string distinct, so the shared-strings part is as long as the sheet.
  `${FAMILY[i % 10]} ${MIDDLE[i % 5]} ${GIVEN[(i * 7) % 10]} ${i}`,
  `Thôn Nà Lừa ${i}, xã Hữu Lũng, tỉnh Lạng Sơn`,
  `Ghi chú: hộ cận nghèo, trồng hồi và quế ${i}`,
];

describe('readSheet (xlsx)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sheet-reader-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([true, false])(
    'reads back every Vietnamese cell intact (useSharedStrings: %s)',
    async (useSharedStrings) => {
      const path = join(dir, `vi-${useSharedStrings}.xlsx`);
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = writer.addWorksheet('Hộ');
      sheet.addRow(['Họ và tên', 'Địa chỉ', 'Ghi chú']).commit();
      for (let i = 0; i < ROWS; i++) sheet.addRow(rowCells(i)).commit();
      sheet.commit();
      await writer.commit();

      const rows: { row: number; cells: string[] }[] = [];
      for await (const row of readSheet(path, 'xlsx', { maxRows: 100_000, maxInflatedBytes: 1e9 }))
        rows.push(row);

      const broken = rows.filter((r) => r.cells.some((c) => c.includes('\uFFFD')));
      expect(broken.map((r) => r.row)).toEqual([]);
      expect(rows).toHaveLength(ROWS + 1);
      expect(rows[0]).toEqual({ row: 1, cells: ['Họ và tên', 'Địa chỉ', 'Ghi chú'] });
      const wrong = rows
        .slice(1)
        .filter((r, i) => r.row !== i + 2 || r.cells.join('|') !== rowCells(i).join('|'));
      expect(wrong.slice(0, 3)).toEqual([]);
    },
  );

  it('reads a small workbook however long exceljs takes to spill its worksheet to a temporary file', async () => {
    // exceljs keeps a worksheet met before the shared strings in a temporary file; meanwhile unzipper
    // parses the rest of a small zip and emitted 'end' with its last entries (xl/workbook.xml) unread:
    // "Cannot read properties of undefined (reading 'sheets')" (patches/exceljs+*.patch, iterate-stream).
    const tmp = jest.requireActual<{ file: (...args: unknown[]) => void }>(
      require.resolve('tmp', { paths: [require.resolve('exceljs')] }),
    );
    const file = tmp.file;
    const slow = jest.spyOn(tmp, 'file').mockImplementation((...args) => {
      setTimeout(() => file.apply(tmp, args), 50);
    });
    try {
      const path = join(dir, 'small.xlsx');
      const workbook = new ExcelJS.Workbook(); // writes the worksheet, then shared strings, workbook.xml last
      workbook.addWorksheet('Hộ').addRows([['Họ và tên', 'Số CCCD'], rowCells(0).slice(0, 2)]);
      await workbook.xlsx.writeFile(path);
      const rows: string[][] = [];
      for await (const row of readSheet(path, 'xlsx', { maxRows: 100, maxInflatedBytes: 1e7 }))
        rows.push(row.cells);
      expect(rows).toEqual([['Họ và tên', 'Số CCCD'], rowCells(0).slice(0, 2)]);
      expect(slow).toHaveBeenCalled();
    } finally {
      slow.mockRestore();
    }
  });
});
