import * as ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet, wholeCharacters } from './sheet-reader';

const limits = { maxRows: 200_000, maxInflatedBytes: 256 * 1024 * 1024 };
/** Names heavy in multi-byte letters, so that unzipped chunks often end inside a character. */
const names = Array.from(
  { length: 3000 },
  (_, i) => `${'Nguyễn Thị Ngọc Hường Triệu Đức Dũng Phạm Thanh Hạnh Lương Khải '.repeat(4)}${i}`,
);

async function read(path: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const { cells } of readSheet(path, 'xlsx', limits)) rows.push(cells);
  return rows;
}

describe('readSheet', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sheet-reader-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every character of a large sheet whole, with inline or shared strings', async () => {
    for (const sharedStrings of [false, true]) {
      const path = join(dir, `names-${sharedStrings}.xlsx`);
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: path,
        useStyles: false,
        useSharedStrings: sharedStrings,
      });
      const sheet = writer.addWorksheet('Hộ');
      sheet.addRow(['Họ tên chủ hộ', 'Thôn']).commit();
      for (const name of names) sheet.addRow([name, `Thôn Nà Phái ${name.length}`]).commit();
      sheet.commit();
      await writer.commit();
      const rows = await read(path);
      expect(rows).toHaveLength(names.length + 1);
      expect(rows.slice(1).map((r) => r[0])).toEqual(names);
      expect(rows.flat().filter((c) => c.includes('\uFFFD'))).toEqual([]);
    }
  });

  it('reads every character of a large CSV whole', async () => {
    const path = join(dir, 'names.csv');
    writeFileSync(path, ['Họ tên chủ hộ', ...names].map((n) => `"${n}",Thôn`).join('\n'));
    const rows: string[][] = [];
    for await (const { cells } of readSheet(path, 'csv', limits)) rows.push(cells);
    expect(rows.slice(1).map((r) => r[0])).toEqual(names);
  });
});

describe('wholeCharacters', () => {
  it('moves the bytes of a character cut short to the next chunk', async () => {
    const text = 'aĐức 𝔸 ễ';
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 5; size++) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const decoded: string[] = [];
      const out: Buffer[] = [];
      for await (const chunk of wholeCharacters(chunks())) {
        decoded.push(new TextDecoder().decode(chunk));
        out.push(chunk);
      }
      expect(decoded.join('')).toBe(text);
      expect(Buffer.concat(out)).toEqual(bytes);
    }
  });
});
