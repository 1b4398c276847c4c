import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource, In, IsNull } from 'typeorm';
import { Household } from '../src/households/household.entity';
import { CooperativeMember } from '../src/memberships/cooperative-member.entity';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { cccdFor, householdBody } from './support/households';
import { binary } from './support/sheets';

let app: INestApplication;
let fx: Fixtures;
beforeAll(async () => {
  // A small upload limit, so the 413 case needs no large file.
  app = await createTestApp({ IMPORT_MAX_BYTES: '300000' });
  fx = new Fixtures(app);
});
afterAll(() => app.close());

const HEADER = [
  'Họ tên chủ hộ',
  'Số CCCD',
  'Giới tính',
  'Năm sinh',
  'Dân tộc',
  'Số điện thoại',
  'Xã/phường',
  'Thôn',
  'Số nhân khẩu',
  'Hộ nghèo/cận nghèo',
];
type Row = Array<string | number>;

function sheetRows(village: string): { rows: Row[]; ids: string[] } {
  const ids = [cccdFor(1980, 'male'), cccdFor(1980, 'male'), cccdFor(1975, 'female'), cccdFor(1990, 'male')];
  return {
    ids,
    rows: [
      ['Hoàng Văn Thụ', ids[0], 'Nam', 1980, 'Tày', '0912345678', 'Cai Kinh', village, 5, 'cận nghèo'],
      ['Hoang Van Thu', ids[1], 'nam', 1980, '02', '912345679', '06427', village, 4, 'nghèo'], // planted duplicate; phone lost its 0
      ['Nông Thị Mai', Number(ids[2]), 'Nữ', 1975, 'Nùng', '', 'xã Cai Kinh', village, 3, 'thoát nghèo'], // CCCD as a number
      ['Lý Văn Hùng', ids[3], 'Nam', 1990, 'Dao', '', 'Cai Kinh', village, 6, ''],
      ['Sai Mã Tỉnh', '000190012345', 'Nam', 1990, 'Tày', '', 'Cai Kinh', village, 2, 'nghèo'], // bad CCCD
      ['Xã Lạ', cccdFor(1991, 'male'), 'Nam', 1991, 'Tày', '', 'Xã Không Có', village, 2, 'nghèo'], // unknown commune
      ['Lặp Lại', ids[0], 'Nam', 1980, 'Tày', '', 'Cai Kinh', village, 2, 'nghèo'], // CCCD repeats row 2
    ],
  };
}

async function xlsx(rows: Row[], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hộ');
  ws.addRow(header);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: Row[]): Buffer =>
  Buffer.from(
    '\uFEFF' + [HEADER, ...rows].map((r) => r.map((c) => `"${String(c)}"`).join(',')).join('\n'),
    'utf8',
  );

const upload = (user: TestUser, body: Buffer, name: string, type: string) =>
  request(app.getHttpServer())
    .post('/api/v1/imports/households')
    .auth(user.token, { type: 'bearer' })
    .attach('file', body, { filename: name, contentType: type });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const commit = (user: TestUser, id: string) =>
  request(app.getHttpServer()).post(`/api/v1/imports/${id}/commit`).auth(user.token, { type: 'bearer' });

describe('household import', () => {
  it('previews with per-row errors in Vietnamese and English and the planted duplicate; commit writes the valid rows', async () => {
    const coop = await fx.user('cooperative');
    const { rows, ids } = sheetRows(`Thôn ${unique()}`);
    const preview = await upload(coop, await xlsx(rows), 'ho-dan.xlsx', XLSX).expect(201);
    expect(preview.body).toMatchObject({ status: 'preview', rows: 7, valid: 4, invalidCount: 3 });
    expect(preview.body.invalid).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 6,
          field: 'Số CCCD',
          messageVi: expect.stringContaining('12 chữ số'),
        }),
        expect.objectContaining({ row: 7, field: 'Xã/phường' }),
        expect.objectContaining({ row: 8, field: 'Số CCCD', message: expect.stringContaining('row 2') }),
      ]),
    );
    expect(preview.body.duplicates).toEqual([expect.objectContaining({ row: 3, matchesRow: 2, score: 100 })]);

    const result = await commit(coop, preview.body.id).expect(200);
    expect(result.body).toMatchObject({ created: 4, updated: 0, unchanged: 0, joined: 4 });
    await commit(coop, preview.body.id).expect(409);
    const list = await request(app.getHttpServer())
      .get(`/api/v1/households?search=hoang van thu&limit=200`)
      .auth(coop.token, { type: 'bearer' })
      .expect(200);
    const found = list.body.items.filter((h: { nationalId: string }) => ids.includes(h.nationalId));
    expect(found.map((h: { phone: string | null }) => h.phone).sort()).toEqual(['0912345678', '0912345679']);
    const mai = await request(app.getHttpServer())
      .get('/api/v1/households?search=mai')
      .auth(coop.token, { type: 'bearer' });
    expect(mai.body.items.map((h: { nationalId: string }) => h.nationalId)).toContain(ids[2]);
  });

  it('finds a repeated CCCD and a planted duplicate far apart in a sheet larger than one batch', async () => {
    const coop = await fx.user('cooperative');
    const run = unique();
    const rows: Row[] = Array.from({ length: 1200 }, (_, i) => [
      `Người Thứ ${i}`,
      cccdFor(1960 + (i % 40), 'male'),
      'Nam',
      1960 + (i % 40),
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}-${i}`,
      3,
      'nghèo',
    ]);
    rows[1] = [
      'Hoàng Văn Thụ',
      cccdFor(1980, 'male'),
      'Nam',
      1980,
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}`,
      4,
      '',
    ];
    rows.push(['Lặp Lại', rows[0][1], 'Nam', 1960, 'Tày', '', 'Cai Kinh', `Thôn ${run}-x`, 2, 'nghèo']);
    rows.push([
      'Hoang Van Thu',
      cccdFor(1980, 'male'),
      'Nam',
      1980,
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}`,
      4,
      '',
    ]);
    const preview = await upload(coop, csv(rows), 'nhieu-ho.csv', 'text/csv').expect(201);
    expect(preview.body).toMatchObject({ rows: 1202, valid: 1201, invalidCount: 1 });
    expect(preview.body.invalid).toEqual([
      expect.objectContaining({ row: 1202, field: 'Số CCCD', message: expect.stringContaining('row 2') }),
    ]);
    expect(preview.body.duplicates).toEqual([
      expect.objectContaining({ row: 1203, matchesRow: 3, score: 100 }),
    ]);
  });

  it('commit records the probable duplicates the preview showed (against the register, within the file, across chunks of a large block), an event and a membership per new household; a re-import adds none', async () => {
    const [coop, official] = [await fx.user('cooperative'), await fx.user('official')];
    const run = unique();
    const registered = (
      await signedIn(app, coop)
        .post(
          '/api/v1/households',
          householdBody({
            headName: 'Lương Thị Hoa',
            gender: 'female',
            birthYear: 1970,
            village: `Thôn ${run}`,
          }),
        )
        .expect(201)
    ).body.id as string;
    // 2,100 rows born in 1980 in Cai Kinh, each in a village of its own: one match block larger than
    // a commit chunk, with a planted pair at its two ends.
    const rows: Row[] = Array.from({ length: 2100 }, (_, i) => [
      `Người Thứ ${i}`,
      cccdFor(1980, 'male'),
      'Nam',
      1980,
      'Tày',
      '',
      '06427',
      `Thôn ${run}-${i}`,
      3,
      'nghèo',
    ]);
    rows.unshift([
      'Luong Thi Hoa',
      cccdFor(1970, 'female'),
      'Nữ',
      1970,
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}`,
      2,
      '',
    ]);
    rows[1] = [
      'Hoàng Văn Thụ',
      cccdFor(1980, 'male'),
      'Nam',
      1980,
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}`,
      4,
      '',
    ];
    rows.push([
      'Hoang Van Thu',
      cccdFor(1980, 'male'),
      'Nam',
      1980,
      'Tày',
      '',
      'Cai Kinh',
      `Thôn ${run}`,
      4,
      '',
    ]);
    const sheet = csv(rows);
    const preview = await upload(coop, sheet, 'khoi-lon.csv', 'text/csv').expect(201);
    expect(preview.body).toMatchObject({ rows: 2102, valid: 2102, invalidCount: 0 });
    expect(preview.body.duplicates).toEqual([
      { row: 2, headName: 'Luong Thi Hoa', matchesHouseholdId: registered, score: 100 },
      { row: 2103, headName: 'Hoang Van Thu', matchesRow: 3, score: 100 },
    ]);
    expect((await commit(coop, preview.body.id).expect(200)).body).toMatchObject({
      created: 2102,
      joined: 2102,
    });

    const db = app.get(DataSource);
    const cccds = rows.map((r) => String(r[1]));
    const created = await db.getRepository(Household).find({
      where: { nationalId: In(cccds) },
      select: { id: true, nationalId: true },
    });
    expect(created).toHaveLength(2102);
    const idOf = (row: number) => created.find((h) => h.nationalId === cccds[row - 2])!.id;
    const ids = created.map((h) => h.id);
    const pairsOf = async (id: string) =>
      (
        await signedIn(app, official)
          .get(`/api/v1/integrity/duplicates?householdId=${id}&limit=200`)
          .expect(200)
      ).body.items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort());
    expect(await pairsOf(registered)).toEqual([[registered, idOf(2)].sort()]);
    expect(await pairsOf(idOf(3))).toEqual([[idOf(3), idOf(2103)].sort()]);
    expect(await pairsOf(idOf(500))).toEqual([]);
    const events = async (type: string) =>
      db.getRepository(OutboxEvent).count({ where: { type, aggregateId: In([...ids, registered]) } });
    expect(await events('household.registered')).toBe(2102 + 1);
    const pairEvents = await events('household.probable_duplicate');
    expect(pairEvents).toBeGreaterThanOrEqual(2);
    expect(
      await db.getRepository(CooperativeMember).count({ where: { householdId: In(ids), leftOn: IsNull() } }),
    ).toBe(2102);

    const again = await upload(coop, sheet, 'khoi-lon.csv', 'text/csv').expect(201);
    expect((await commit(coop, again.body.id).expect(200)).body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2102,
      joined: 0,
    });
    expect(await events('household.registered')).toBe(2102 + 1);
    expect(await events('household.probable_duplicate')).toBe(pairEvents);
    expect(await pairsOf(idOf(3))).toEqual([[idOf(3), idOf(2103)].sort()]);
  });

  it('a household the sheet moves to another commune pairs in its new block, not with a row like its old values in a later chunk', async () => {
    const [coop, official] = [await fx.user('cooperative'), await fx.user('official')];
    const run = unique();
    const place = `Thôn ${run}`;
    const register = async (overrides: Record<string, unknown>) =>
      (
        await signedIn(app, coop)
          .post('/api/v1/households', householdBody({ birthYear: 1975, village: place, ...overrides }))
          .expect(201)
      ).body as { id: string; nationalId: string };
    const moved = await register({ headName: 'Lò Văn Pó', communeCode: '06427' });
    const there = await register({ headName: 'Lò Văn Pố', communeCode: '06046' });
    const row = (name: string, cccd: string, year: number, commune: string, village: string): Row => [
      name,
      cccd,
      'Nam',
      year,
      'Tày',
      '',
      commune,
      village,
      3,
      'nghèo',
    ];
    const lookalike = cccdFor(1975, 'male');
    // 125 blocks (06046 born 1976–2025, 06427 born 1900–1974) sort between the two rows' blocks, so
    // they land in different commit chunks: the move first, the look-alike of the old values later.
    const fillers = [
      ...Array.from({ length: 50 }, (_, i) => 1976 + i).map((y) =>
        row(`Người Lấp ${y}`, cccdFor(y, 'male'), y, '06046', `Thôn ${run}-${y}`),
      ),
      ...Array.from({ length: 75 }, (_, i) => 1900 + i).map((y) =>
        row(`Người Lấp ${y}`, cccdFor(y, 'male'), y, '06427', `Thôn ${run}-${y}`),
      ),
    ];
    const rows = [
      row('Lo Van Po', lookalike, 1975, '06427', place),
      row('Lò Văn Pó', moved.nationalId, 1975, '06046', place),
      ...fillers,
    ];
    const preview = await upload(coop, csv(rows), 'chuyen-xa.csv', 'text/csv').expect(201);
    expect(preview.body).toMatchObject({ valid: rows.length, invalidCount: 0 });
    // The preview compares with the register as it is: the look-alike of the household's old values.
    expect(preview.body.duplicates).toEqual([
      { row: 2, headName: 'Lo Van Po', matchesHouseholdId: moved.id, score: 100 },
    ]);
    expect((await commit(coop, preview.body.id).expect(200)).body).toMatchObject({
      created: rows.length - 1,
      updated: 1,
    });
    const created = await app
      .get(DataSource)
      .getRepository(Household)
      .findOneByOrFail({ nationalId: lookalike });
    const pairsOf = async (id: string) =>
      (
        await signedIn(app, official)
          .get(`/api/v1/integrity/duplicates?householdId=${id}&limit=200`)
          .expect(200)
      ).body.items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort());
    expect(await pairsOf(moved.id)).toEqual([[moved.id, there.id].sort()]);
    expect(await pairsOf(created.id)).toEqual([]);
  });

  it('re-importing the same sheet (even as CSV) changes nothing; a changed value updates that household only', async () => {
    const coop = await fx.user('cooperative');
    const { rows } = sheetRows(`Thôn ${unique()}`);
    const valid = rows.slice(0, 4);
    const first = await upload(coop, await xlsx(valid), 'lan-1.xlsx', XLSX).expect(201);
    await commit(coop, first.body.id).expect(200);
    const again = await upload(coop, csv(valid), 'lan-2.csv', 'text/csv').expect(201);
    expect(again.body).toMatchObject({ valid: 4, invalidCount: 0 });
    expect((await commit(coop, again.body.id).expect(200)).body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
      joined: 0,
    });
    const changed = valid.map((r, i) => (i === 3 ? [...r.slice(0, 8), 9, r[9]] : r));
    const third = await upload(coop, await xlsx(changed), 'lan-3.xlsx', XLSX).expect(201);
    expect((await commit(coop, third.body.id).expect(200)).body).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 3,
    });
  });

  it('refuses a wrong type (415), an unreadable workbook or missing columns (400), and a file over the limit (413)', async () => {
    const coop = await fx.user('cooperative');
    await upload(coop, Buffer.from('xin chào'), 'ho-dan.txt', 'text/plain').expect(415);
    const broken = await upload(
      coop,
      Buffer.from('PK\u0003\u0004 không phải xlsx'),
      'hong.xlsx',
      XLSX,
    ).expect(400);
    expect(broken.body.message).toContain('.xlsx');
    const missing = await upload(
      coop,
      await xlsx([['Hoàng Văn Thụ']], ['Họ tên chủ hộ']),
      'thieu.xlsx',
      XLSX,
    ).expect(400);
    expect(missing.body.message).toContain('Số CCCD');
    await upload(coop, Buffer.alloc(400_000, 'a'), 'lon.csv', 'text/csv').expect(413);
    const noFile = await request(app.getHttpServer())
      .post('/api/v1/imports/households')
      .auth(coop.token, { type: 'bearer' })
      .expect(400);
    expect(noFile.body.details[0].field).toBe('file');
  });

  it('serves the template; enterprises may neither import nor export', async () => {
    const coop = await fx.user('cooperative');
    const res = await request(app.getHttpServer())
      .get('/api/v1/imports/households/template.xlsx')
      .auth(coop.token, { type: 'bearer' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(HEADER));
    const enterprise = await fx.user('enterprise');
    await upload(enterprise, await xlsx([]), 'x.xlsx', XLSX).expect(403);
    await request(app.getHttpServer())
      .get('/api/v1/exports/households.xlsx')
      .auth(enterprise.token, { type: 'bearer' })
      .expect(403);
  });

  it('exports exactly the caller’s scoped households, in the template’s columns', async () => {
    const [mine, theirs] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const mineRows = sheetRows(`Thôn ${unique()}`).rows.slice(0, 2);
    const theirRows = sheetRows(`Thôn ${unique()}`).rows.slice(2, 4);
    await commit(mine, (await upload(mine, await xlsx(mineRows), 'a.xlsx', XLSX).expect(201)).body.id).expect(
      200,
    );
    await commit(
      theirs,
      (await upload(theirs, await xlsx(theirRows), 'b.xlsx', XLSX).expect(201)).body.id,
    ).expect(200);
    const res = await request(app.getHttpServer())
      .get('/api/v1/exports/households.xlsx')
      .auth(mine.token, { type: 'bearer' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(HEADER));
    const exported = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => String(r.getCell(2).value));
    expect(exported.sort()).toEqual(mineRows.map((r) => String(r[1])).sort());
  });
});

/** Collects a binary (xlsx) response body into a Buffer. */

describe('cooperative import', () => {
  const COOP_HEADER = [
    'Tên hợp tác xã',
    'Mã số thuế',
    'Xã/phường',
    'Địa chỉ',
    'Giám đốc',
    'Số điện thoại',
    'Ngày thành lập',
  ];

  it('officials import cooperatives keyed by tax code; re-import changes nothing; cooperatives may not', async () => {
    const official = await fx.user('official');
    const [t1, t2] = [
      String(4_900_000_000 + Math.floor(Math.random() * 99_999_999)),
      String(4_800_000_000 + Math.floor(Math.random() * 99_999_999)),
    ];
    const rows: Row[] = [
      [
        `HTX Hồng Vành Khuyên ${unique()}`,
        t1,
        'Hoàng Văn Thụ',
        'Bản Nà Phái',
        'Lý Văn Hùng',
        '0912345678',
        '15/03/2019',
      ],
      [`HTX Thạch Đen Tràng Định ${unique()}`, t2, '06046', '', '', '', ''],
      ['HTX Sai Mã Số Thuế', '12345', 'Cai Kinh', '', '', '', ''],
    ];
    const sheet = await xlsx(rows, COOP_HEADER);
    const preview = await request(app.getHttpServer())
      .post('/api/v1/imports/cooperatives')
      .auth(official.token, { type: 'bearer' })
      .attach('file', sheet, { filename: 'htx.xlsx', contentType: XLSX })
      .expect(201);
    expect(preview.body).toMatchObject({ kind: 'cooperatives', rows: 3, valid: 2, invalidCount: 1 });
    expect(preview.body.invalid[0]).toMatchObject({ row: 4, field: 'Mã số thuế' });
    expect((await commit(official, preview.body.id).expect(200)).body).toMatchObject({
      created: 2,
      updated: 0,
    });
    const list = await request(app.getHttpServer())
      .get(`/api/v1/cooperatives?search=${encodeURIComponent('htx hong vanh')}&limit=200`)
      .auth(official.token, { type: 'bearer' })
      .expect(200);
    expect(list.body.items.find((c: { taxCode: string }) => c.taxCode === t1)).toMatchObject({
      communeCode: '06172',
      foundedOn: '2019-03-15',
      phone: '0912345678',
    });
    const again = await request(app.getHttpServer())
      .post('/api/v1/imports/cooperatives')
      .auth(official.token, { type: 'bearer' })
      .attach('file', sheet, { filename: 'htx.xlsx', contentType: XLSX })
      .expect(201);
    expect((await commit(official, again.body.id).expect(200)).body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const coop = await fx.user('cooperative');
    await upload(coop, sheet, 'htx.xlsx', XLSX).expect(400); // a cooperative sheet is not a household sheet
    await request(app.getHttpServer())
      .post('/api/v1/imports/cooperatives')
      .auth(coop.token, { type: 'bearer' })
      .attach('file', sheet, { filename: 'htx.xlsx', contentType: XLSX })
      .expect(403);
  });
});
