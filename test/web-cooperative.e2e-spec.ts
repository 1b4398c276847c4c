import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImportJob } from '../src/imports/import-job.entity';
import { createTestApp } from './support/app';
import { codeSeries, growingAreaBody, vnToday } from './support/certificates';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { cccdFor, householdBody } from './support/households';
import { binary } from './support/sheets';
import { WebAgent, webLogin } from './support/web';

let app: INestApplication;
let fx: Fixtures;
let coopId: string;
let otherCoopId: string;
let staff: TestUser;
let web: WebAgent;
let otherStaff: TestUser;
/** Households: Đào is ours, Hùng belongs to the other cooperative. */
let dao: { id: string; nationalId: string };
let hung: { id: string; nationalId: string };
const village = `Thôn Web ${unique()}`;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  coopId = (await fx.cooperative()).id;
  staff = await fx.user('cooperative', { cooperativeId: coopId });
  otherCoopId = (await fx.cooperative()).id;
  otherStaff = await fx.user('cooperative', { cooperativeId: otherCoopId });
  web = await webLogin(app, staff);
  const created = await signedIn(app, staff)
    .post(
      '/api/v1/households',
      householdBody({ headName: 'Nguyễn Thị Đào', gender: 'female', birthYear: 1990, village }),
    )
    .expect(201);
  dao = created.body;
  hung = (
    await signedIn(app, otherStaff)
      .post('/api/v1/households', householdBody({ headName: 'Nguyễn Văn Hùng', village }))
      .expect(201)
  ).body;
});
afterAll(() => app.close());

/** The text between the tags of a field's error paragraph (`<p class="error" id="f-<name>-error">`). */
const fieldError = (page: string, name: string): string | undefined =>
  new RegExp(`id="f-${name.replace(/\./g, '-')}-error">([^<]*)<`).exec(page)?.[1];

describe('household register', () => {
  it('is the cooperative’s first page, in Vietnamese, listing only its own households', async () => {
    const home = await web.get('/home');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/households');
    const list = await web.get('/households');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<h1>Sổ hộ gia đình</h1>');
    expect(list.text).toContain('Họ tên chủ hộ');
    expect(list.text).toContain('data-live="#results"');
    expect(list.text).toContain('Nguyễn Thị Đào');
    expect(list.text).not.toContain('Nguyễn Văn Hùng');
    expect(list.text).toContain('href="/my-codes"'); // the menu
  });

  it('searches without diacritics; X-Partial answers the results fragment only', async () => {
    const partial = await web.get('/households?search=nguyen+thi+dao', { 'X-Partial': '1' });
    expect(partial.status).toBe(200);
    expect(partial.text).toContain(`href="/households/${dao.id}"`);
    expect(partial.text).toContain('Nguyễn Thị Đào');
    expect(partial.text).not.toMatch(/<html|<form|<h1/);
    const none = await web.get('/households?search=nguyen+van+hung', { 'X-Partial': '1' });
    expect(none.text).toContain('Không có hộ nào khớp.');
    const filtered = await web.get('/households?search=dao&povertyStatus=poor');
    expect(filtered.text).not.toContain(`href="/households/${dao.id}"`);
    const bad = await web.get('/households?communeCode=12');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('communeCode must be a 5-digit commune code');
  });

  it('keeps the API beside the pages: /api/v1/households still answers JSON', async () => {
    const api = await signedIn(app, staff).get('/api/v1/households?search=nguyen+thi+dao').expect(200);
    expect(api.body.items.map((h: { id: string }) => h.id)).toContain(dao.id);
    const page = await web.get('/api/v1/households');
    expect(page.status).toBe(401); // the API wants its bearer token, cookies are not enough
  });

  it('shows a household with its membership; another cooperative’s household is the 404 page', async () => {
    const page = await web.get(`/households/${dao.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(dao.nationalId);
    expect(page.text).toContain('Thành viên hợp tác xã');
    expect(page.text).toContain(`href="/cooperatives/${coopId}/members"`);
    expect(page.text).toContain('Đang là thành viên');
    expect(page.text).toContain('Chưa có hỗ trợ nào được ghi nhận.');
    const theirs = await web.get(`/households/${hung.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.text).toContain('Không tìm thấy');
    expect((await web.get(`/households/${hung.id}/edit`)).status).toBe(404);
  });

  it('adds a household: the API’s messages beside the fields, then 303 to the new household', async () => {
    const form = await web.get('/households/new');
    expect(form.text).toContain('<label for="f-consent-givenOn">');
    const body = householdBody({ headName: 'Lý Thị Mai', gender: 'female', birthYear: 1985, village });
    const fields = {
      headName: body.headName as string,
      nationalId: '12345',
      gender: 'female',
      birthYear: '1985',
      ethnicity: '02',
      phone: '0912345678',
      communeCode: '06427',
      village,
      memberCount: '4',
      povertyStatus: 'near_poor',
      povertyAssessedYear: '2025',
      'consent.givenOn': '2026-03-01',
      'consent.scope': '',
    };
    const bad = await web.post('/households', fields);
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'nationalId')).toMatch(/12/);
    expect(bad.text).toContain('aria-invalid="true"');
    expect(fieldError(bad.text, 'consent.scope')).toBeDefined();
    expect(bad.text).toContain('value="Lý Thị Mai"'); // what was typed comes back

    const ok = await web.post('/households', {
      ...fields,
      nationalId: body.nationalId as string,
      'consent.scope': 'Chương trình 1719',
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.location as string;
    expect(location).toMatch(/^\/households\/[0-9a-f-]{36}\?saved=created$/);
    const shown = await web.get(location);
    expect(shown.text).toContain('Đã thêm hộ vào sổ.');
    expect(shown.text).toContain('Lý Thị Mai');
    expect(shown.text).toContain('Chương trình 1719');

    const again = await web.post('/households', {
      ...fields,
      nationalId: body.nationalId as string,
      'consent.scope': 'Chương trình 1719',
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already registered');
  });

  it('refuses a form without its CSRF token (403)', async () => {
    const res = await web.post('/households', { _csrf: '', headName: 'Không Có Mã' });
    expect(res.status).toBe(403);
    expect(
      (await web.post(`/cooperatives/${coopId}/members`, { _csrf: 'x', nationalId: hung.nationalId })).status,
    ).toBe(403);
  });

  it('edits with the version read; a stale version answers 409 with the notice', async () => {
    const form = await web.get(`/households/${dao.id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1];
    expect(version).toBeDefined();
    const fields = {
      version: version!,
      headName: 'Nguyễn Thị Đào',
      nationalId: dao.nationalId,
      gender: 'female',
      birthYear: '1990',
      ethnicity: '02',
      communeCode: '06427',
      village,
      phone: '',
      memberCount: '7',
      povertyStatus: 'poor',
    };
    const bad = await web.post(`/households/${dao.id}`, { ...fields, memberCount: '99' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'memberCount')).toContain('50');
    const saved = await web.post(`/households/${dao.id}`, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/households/${dao.id}?saved=updated`);
    const shown = await web.get(saved.headers.location as string);
    expect(shown.text).toContain('Đã lưu thay đổi.');
    expect(shown.text).toContain('Hộ nghèo');
    expect(shown.text).not.toContain('0912345678'); // the emptied phone is removed
    const stale = await web.post(`/households/${dao.id}`, { ...fields, memberCount: '6' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('vừa được người khác sửa');
    expect(stale.text).toContain(`href="/households/${dao.id}/edit"`);
  });

  it('speaks English after the language switch', async () => {
    const english = await webLogin(app, staff);
    await english.get('/lang/en?next=/households');
    const page = await english.get('/households');
    expect(page.text).toContain('<h1>Household register</h1>');
    expect(page.text).toContain('Head of household');
  });
});

describe('members', () => {
  it('takes cooperative staff to their own cooperative; another cooperative’s is the 404 page', async () => {
    const index = await web.get('/cooperatives');
    expect(index.status).toBe(303);
    expect(index.headers.location).toBe(`/cooperatives/${coopId}/members`);
    const page = await web.get(`/cooperatives/${coopId}/members`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nguyễn Thị Đào');
    expect(page.text).toContain('Thêm thành viên');
    const other = await web.get(`/cooperatives/${otherCoopId}/members`);
    expect(other.status).toBe(404);
  });

  it('adds a household registered by another cooperative by its CCCD, then records its leaving', async () => {
    const bad = await web.post(`/cooperatives/${coopId}/members`, { nationalId: '0201', role: 'board' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'nationalId')).toBeDefined();
    const unknown = await web.post(`/cooperatives/${coopId}/members`, { nationalId: cccdFor(1970, 'male') });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('No household with this CCCD is registered');

    const added = await web.post(`/cooperatives/${coopId}/members`, {
      nationalId: hung.nationalId,
      role: 'board',
      joinedOn: '',
    });
    expect(added.status).toBe(303);
    const list = await web.get(added.headers.location as string);
    expect(list.text).toContain('Đã thêm thành viên.');
    expect(list.text).toContain('Nguyễn Văn Hùng');
    expect(list.text).toContain('Hội đồng quản trị');
    expect((await web.get(`/households/${hung.id}`)).status).toBe(200); // now in our register

    const twice = await web.post(`/cooperatives/${coopId}/members`, { nationalId: hung.nationalId });
    expect(twice.status).toBe(409);

    const left = await web.post(`/cooperatives/${coopId}/members/${hung.id}/leave`);
    expect(left.status).toBe(303);
    expect((await web.get(left.headers.location as string)).text).toContain('Đã ghi nhận hộ rời hợp tác xã.');
    expect((await web.get(`/households/${hung.id}`)).status).toBe(404);
    const history = await web.get(`/cooperatives/${coopId}/members?includeFormer=true`);
    expect(history.text).toContain('Nguyễn Văn Hùng');
  });

  it('lets an official pick a cooperative and search as they type', async () => {
    const official = await webLogin(app, await fx.user('official'));
    const index = await official.get('/cooperatives');
    expect(index.status).toBe(200);
    expect(index.text).toContain('Tìm hợp tác xã theo tên');
    const partial = await official.get('/cooperatives?search=hop+tac+xa+thu+nghiem', { 'X-Partial': '1' });
    expect(partial.text).not.toMatch(/<html|<form/);
    expect((await official.get(`/cooperatives/${coopId}/members`)).status).toBe(200);
  });

  it('is closed to enterprises (403 page)', async () => {
    const enterprise = await webLogin(app, await fx.user('enterprise'));
    expect((await enterprise.get('/households')).status).toBe(403);
    expect((await enterprise.get(`/cooperatives/${coopId}/members`)).status).toBe(403);
  });
});

describe('growing-area codes, plots, forecasts and harvests', () => {
  let codeId: string;
  let code: string;
  let otherCodeId: string;

  beforeAll(async () => {
    const official = await fx.user('official');
    const series = codeSeries();
    code = series.next();
    codeId = (
      await signedIn(app, official)
        .post('/api/v1/growing-areas', growingAreaBody(code, { areaHa: 2, cooperativeId: coopId }))
        .expect(201)
    ).body.id;
    otherCodeId = (
      await signedIn(app, official).post('/api/v1/growing-areas', growingAreaBody(series.next())).expect(201)
    ).body.id;
  });

  it('lists the cooperative’s codes only; another code is the 404 page', async () => {
    const list = await web.get('/my-codes');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/my-codes/${codeId}"`);
    expect(list.text).not.toContain(otherCodeId);
    const partial = await web.get(`/my-codes?search=${code}`, { 'X-Partial': '1' });
    expect(partial.text).toContain(code);
    expect(partial.text).not.toMatch(/<html|<form/);
    expect((await web.get(`/my-codes/${otherCodeId}`)).status).toBe(404);
    expect(
      (await web.post(`/my-codes/${otherCodeId}/harvests`, { harvestedOn: vnToday(), volume: '1' })).status,
    ).toBe(404);
  });

  it('adds a plot of a member household; more than the declared area is refused beside the form', async () => {
    const page = await web.get(`/my-codes/${codeId}`);
    expect(page.text).toContain('Thửa của các hộ');
    const picker = await web.get(`/my-codes/${codeId}?q=nguyen+thi`, { 'X-Partial': '1' });
    expect(picker.text).toContain(`value="${dao.id}"`);
    expect(picker.text).not.toMatch(/<html|<form/);

    const bad = await web.post(`/my-codes/${codeId}/plots`, { householdId: dao.id, areaHa: '-1' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'areaHa')).toBeDefined();
    const tooBig = await web.post(`/my-codes/${codeId}/plots`, { householdId: dao.id, areaHa: '5' });
    expect(tooBig.status).toBe(422);
    expect(tooBig.text).toContain('more than the 2.00 ha declared');
    expect(tooBig.text).toMatch(new RegExp(`value="${dao.id}"\\s+selected`));

    const ok = await web.post(`/my-codes/${codeId}/plots`, { householdId: dao.id, areaHa: '1.25' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/my-codes/${codeId}?saved=plot#plots`);
    const shown = await web.get(`/my-codes/${codeId}?saved=plot`);
    expect(shown.text).toContain('Đã thêm thửa.');
    expect(shown.text).toContain(`<a href="/households/${dao.id}">Nguyễn Thị Đào</a>`);
    expect(shown.text).toContain('1,25');
  });

  it('adds a forecast and a harvest with the API’s checks', async () => {
    const backwards = await web.post(`/my-codes/${codeId}/forecasts`, {
      productCode: 'custard-apple',
      periodStart: '2027-09-30',
      periodEnd: '2027-08-01',
      volume: '4500',
    });
    expect(backwards.status).toBe(400);
    expect(fieldError(backwards.text, 'periodEnd')).toBe('periodEnd must be after periodStart');
    const forecast = await web.post(`/my-codes/${codeId}/forecasts`, {
      productCode: 'custard-apple',
      periodStart: '2027-08-01',
      periodEnd: '2027-09-30',
      volume: '4500',
    });
    expect(forecast.status).toBe(303);

    const future = await web.post(`/my-codes/${codeId}/harvests`, {
      harvestedOn: '2099-01-01',
      volume: '10',
    });
    expect(future.status).toBe(422);
    expect(future.text).toContain('is in the future');
    const harvest = await web.post(`/my-codes/${codeId}/harvests`, {
      harvestedOn: vnToday(),
      volume: '120.5',
    });
    expect(harvest.status).toBe(303);
    const page = await web.get(`/my-codes/${codeId}`);
    expect(page.text).toContain('01/08/2027');
    expect(page.text).toContain('4.500');
    expect(page.text).toContain('120,5');
  });
});

describe('spreadsheet import', () => {
  const HEADER = [
    'Họ tên chủ hộ',
    'Số CCCD',
    'Giới tính',
    'Năm sinh',
    'Dân tộc',
    'Xã/phường',
    'Thôn',
    'Số nhân khẩu',
    'Hộ nghèo/cận nghèo',
  ];
  const csv = (rows: Array<Array<string | number>>): Buffer =>
    Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'), 'utf8');
  const upload = (agent: WebAgent, body: Buffer, csrf: string | undefined) => {
    const req = agent.agent.post('/imports/households');
    if (csrf !== undefined) req.field('_csrf', csrf);
    return req.attach('file', body, { filename: 'ho-dan.csv', contentType: 'text/csv' });
  };

  it('offers the upload form and the template', async () => {
    const page = await web.get('/imports/households');
    expect(page.status).toBe(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('<label for="f-file">');
    const template = await web.agent.get('/imports/households/template.xlsx').buffer(true).parse(binary);
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    expect((template.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an upload without its CSRF field before reading anything (403)', async () => {
    const jobs = app.get(DataSource).getRepository(ImportJob);
    const before = await jobs.countBy({ createdBy: staff.id });
    expect((await upload(web, csv([]), undefined)).status).toBe(403);
    expect((await upload(web, csv([]), 'forged')).status).toBe(403);
    expect(await jobs.countBy({ createdBy: staff.id })).toBe(before);
  });

  it('shows the missing file beside the field', async () => {
    const res = await web.agent.post('/imports/households').field('_csrf', web.csrf);
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'file')).toContain('file is required');
  });

  it('previews errors and duplicates row by row, then commits and shows the counts', async () => {
    const thon = `Thôn Nhập ${unique()}`;
    const first = cccdFor(1980, 'male');
    const rows = [
      ['Hoàng Văn Thụ', first, 'Nam', 1980, 'Tày', 'Cai Kinh', thon, 5, 'cận nghèo'],
      ['Hoang Van Thu', cccdFor(1980, 'male'), 'Nam', 1980, 'Tày', 'Cai Kinh', thon, 4, 'nghèo'],
      ['Sai Mã Tỉnh', '000190012345', 'Nam', 1990, 'Tày', 'Cai Kinh', thon, 2, 'nghèo'],
    ];
    const res = await upload(web, csv(rows), web.csrf);
    expect(res.status).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
    const preview = await web.get(location);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Kết quả kiểm tra tệp ho-dan.csv');
    expect(preview.text).toContain('Số CCCD gồm 12 chữ số');
    expect(preview.text).toContain('giống dòng 2 trong tệp');
    expect(preview.text).toContain('Ghi 2 dòng hợp lệ vào sổ');
    expect((await (await webLogin(app, otherStaff)).get(location)).status).toBe(404);

    const committed = await web.post(`${location}/commit`);
    expect(committed.status).toBe(303);
    const result = await web.get(location);
    expect(result.text).toContain('Đã ghi vào sổ lúc');
    expect(result.text).toMatch(/Hộ mới<\/dt>\s*<dd>2<\/dd>/);
    expect(result.text).not.toContain('Ghi 2 dòng hợp lệ vào sổ');
    expect((await web.post(`${location}/commit`)).status).toBe(409);
    const register = await web.get('/households?search=hoang+van+thu', { 'X-Partial': '1' });
    expect(register.text).toContain('Hoàng Văn Thụ');
  });
});
