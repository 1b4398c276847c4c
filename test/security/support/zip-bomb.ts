import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { HOUSEHOLD_HEADER } from './world';

/** One part of a workbook: its name and its content, given in chunks (so hundreds of MB never sit in memory). */
export interface ZipPart {
  name: string;
  chunks: () => Iterable<string | Buffer>;
}

/**
 * A minimal zip writer (stored headers, deflated data, central directory): enough for exceljs and
 * for building workbooks whose parts inflate to far more than the file's size.
 */
export async function zip(parts: ZipPart[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let crc = 0;
    let size = 0;
    const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
    for (const chunk of part.chunks()) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      crc = crc32(buf, crc);
      size += buf.length;
      if (!deflate.write(buf)) await new Promise((r) => deflate.once('drain', r));
    }
    deflate.end();
    await done;
    const data = Buffer.concat(compressed);
    if (size > 0xffffffff) throw new Error('parts over 4 GiB need zip64');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    out.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook of these tests shares: content types, workbook and its relationships. */
function frame(extra: ZipPart[], withSharedStrings: boolean): ZipPart[] {
  const once = (text: string) => () => [text];
  return [
    {
      name: '[Content_Types].xml',
      chunks: once(
        `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        `${xmlHead}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Hộ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
          (withSharedStrings
            ? `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
            : '') +
          '</Relationships>',
      ),
    },
    ...extra,
  ];
}

const headerRow = () =>
  '<row r="1">' +
  HOUSEHOLD_HEADER.map(
    (h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`,
  ).join('') +
  '</row>';

/**
 * A household workbook with the template's header and `rows` one-cell rows: a sheet XML of about
 * 55 bytes a row, deflated ~100:1, so 6,000,000 rows inflate to ~330 MB from a file of a few MB.
 */
export function manyRowsBomb(rows: number): Promise<Buffer> {
  return zip(
    frame(
      [
        {
          name: 'xl/worksheets/sheet1.xml',
          *chunks() {
            yield `${xmlHead}<worksheet xmlns="${NS}"><sheetData>${headerRow()}`;
            const batch: string[] = [];
            for (let r = 2; r <= rows + 1; r++) {
              batch.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
              if (batch.length === 10_000) yield batch.splice(0).join('');
            }
            yield batch.join('') + '</sheetData></worksheet>';
          },
        },
      ],
      false,
    ),
  );
}

/**
 * One shared string of `megabytes` MB of the same letter (deflated ~1000:1): the reader caches
 * shared strings, so this one would sit in memory whole.
 */
export function sharedStringBomb(megabytes: number): Promise<Buffer> {
  const mb = Buffer.alloc(1024 * 1024, 'A');
  return zip(
    frame(
      [
        {
          name: 'xl/sharedStrings.xml',
          *chunks() {
            yield `${xmlHead}<sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`;
            for (let i = 0; i < megabytes; i++) yield mb;
            yield '</t></si></sst>';
          },
        },
        {
          name: 'xl/worksheets/sheet1.xml',
          chunks: () => [
            `${xmlHead}<worksheet xmlns="${NS}"><sheetData>${headerRow()}<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>`,
          ],
        },
      ],
      true,
    ),
  );
}
