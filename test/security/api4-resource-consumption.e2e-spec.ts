import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { ApiOperation, apiSurface, fillPath, isErrorBody } from './support/api-surface';
import { validBodies } from './support/bodies';
import { buildWorld, householdCsv, pathValues, World } from './support/world';
import { manyRowsBomb, sharedStringBomb } from './support/zip-bomb';

/**
 * OWASP API4:2023 Unrestricted Resource Consumption: page sizes and offsets, request bodies (size,
 * depth, width, array lengths), spreadsheet uploads (rows, zip bombs). Request rates are limited
 * per person and per address (429): test/throttling.e2e-spec.ts; failed logins: test/auth.e2e-spec.ts.
 * The defaults are under test (BODY_LIMIT 1mb, IMPORT_MAX_INFLATED_BYTES 256 MiB) except IMPORT_MAX_ROWS,
 * 20,000 here instead of 200,000: a sheet is refused after its rows up to the limit were read, and
 * 200,000 rows take ~20 s to read.
 */
let app: INestApplication;
let world: World;
let operations: ApiOperation[];
let bodies: Awaited<ReturnType<typeof validBodies>>;
beforeAll(async () => {
  app = await createTestApp({ IMPORT_MAX_ROWS: '20000' });
  world = await buildWorld(app);
  operations = (await apiSurface(app)).operations;
  bodies = await validBodies(app, world);
}, 120_000);
afterAll(() => app.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const token = () => world.admin.token;
const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);
/** The app still answers (a crashed or stuck event loop would not). */
const stillAlive = () =>
  request(app.getHttpServer()).get('/api/v1/auth/me').auth(token(), { type: 'bearer' }).expect(200);

describe('lists', () => {
  it('every list refuses limit=10000, a page beyond 100,000 rows and absurd pages, naming the parameter', async () => {
    const lists = operations.filter((op) => op.method === 'get' && op.queryParams.includes('limit'));
    const wrong: string[] = [];
    for (const op of lists) {
      const base = fillPath(op.path, pathValues(world, op.path));
      for (const [query, field] of [
        ['limit=10000', 'limit'],
        ['page=502&limit=200', 'page'],
        ['page=9007199254740993', 'page'],
        ['page=1e308', 'page'],
        ['limit=-1', 'limit'],
        ['limit=1&limit=2', 'limit'],
      ]) {
        const res = await request(app.getHttpServer())
          .get(`${base}?${query}`)
          .auth(token(), { type: 'bearer' });
        if (res.status !== 400 || !fields(res.body).includes(field))
          wrong.push(`${op.key}?${query}: ${res.status}`);
      }
    }
    console.log(`API4: ${lists.length} lists refuse oversized pages and deep offsets`);
    expect(lists.length).toBeGreaterThanOrEqual(25);
    expect(wrong).toEqual([]);
  });

  it('query parameters that arrive as objects or arrays are refused, not passed to the database', async () => {
    for (const query of [
      'search[$ne]=x',
      'search[]=a&search[]=b',
      'status[a][b][c][d][e][f]=x',
      'communeCode[__proto__]=x',
    ]) {
      const res = await request(app.getHttpServer())
        .get(`/api/v1/households?${query}`)
        .auth(token(), { type: 'bearer' });
      expect({ query, ok: isErrorBody(res.body, 400) }).toEqual({ query, ok: true });
    }
  });
});

describe('request bodies', () => {
  it('every JSON route answers 413 in the error shape to a body over BODY_LIMIT (1mb), before reading it all', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(1_100_000) });
    const wrong: string[] = [];
    const writes = operations.filter((op) => op.jsonBody);
    for (const op of writes) {
      const res = await request(app.getHttpServer())
        [op.method](fillPath(op.path, pathValues(world, op.path)))
        .auth(token(), { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send(big);
      if (!isErrorBody(res.body, 413)) wrong.push(`${op.key}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  // Found by this test: 10,000 levels overflowed the validation pipe's recursion (500); bodies now stop at 32 levels.
  it('deeply nested JSON (10,000 and 150,000 levels) is a 400 naming the limit, not a 500 or a crash', async () => {
    for (const depth of [10_000, 150_000]) {
      for (const [open, close] of [
        ['{"a":', '}'],
        ['[', ']'],
      ]) {
        const body = `{"headName":${open.repeat(depth)}1${close.repeat(depth)}}`;
        expect(body.length).toBeLessThan(1024 * 1024);
        const res = await request(app.getHttpServer())
          .post('/api/v1/households')
          .auth(token(), { type: 'bearer' })
          .set('Content-Type', 'application/json')
          .send(body);
        expect({
          depth,
          open,
          status: res.status,
          shaped: isErrorBody(res.body, res.status),
          message: res.body.message,
        }).toEqual({
          depth,
          open,
          status: 400,
          shaped: true,
          message: 'Request body is nested deeper than 32 levels',
        });
      }
    }
    await stillAlive();
  });

  // Found by this test: 60,000 unknown fields took 7.5 s of one CPU (class-transformer slows down on
  // wide objects) and answered 3.6 MB of errors; objects now stop at 1,000 fields.
  it('a body of 60,000 unknown fields (top level or nested) is refused at once, in a few bytes', async () => {
    const wide = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`f${i}`, 1]));
    for (const body of [wide, { ...bodies['POST /api/v1/households'](), consent: wide }]) {
      const started = Date.now();
      const res = await request(app.getHttpServer())
        .post('/api/v1/households')
        .auth(token(), { type: 'bearer' })
        .send(body);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'An object in the request body has more than 1000 fields',
      });
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });

  it('every array field refuses 20,000 items (400), never a 500 and never slowly', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.jsonBody && bodies[o.key])) {
      for (const [name, schema] of Object.entries(op.jsonBody!.properties ?? {})) {
        if (schema.type !== 'array') continue;
        const item =
          schema.items?.enum?.[0] ??
          (schema.items?.type === 'number' || schema.items?.type === 'integer'
            ? 8
            : '00000000-0000-4000-8000-000000000000');
        const body = { ...bodies[op.key](), [name]: Array.from({ length: 20_000 }, () => item) };
        const started = Date.now();
        const res = await request(app.getHttpServer())
          [op.method](fillPath(op.path, pathValues(world, op.path)))
          .auth(token(), { type: 'bearer' })
          .send(body);
        checked++;
        const took = Date.now() - started;
        if (res.status >= 500 || res.status < 400 || took > 5_000)
          wrong.push(
            `${op.key} ${name}: ${res.status} in ${took} ms ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    console.log(`API4: ${checked} array fields refuse 20,000 items`);
    expect(wrong).toEqual([]);
  });
});

describe('spreadsheet uploads', () => {
  const upload = (file: Buffer, name: string, type: string) =>
    request(app.getHttpServer())
      .post('/api/v1/imports/households')
      .auth(world.coopUser.token, { type: 'bearer' })
      .attach('file', file, { filename: name, contentType: type });

  it('a zip bomb (one shared string inflating to 300 MB from ~300 kB) is refused with 413, memory flat', async () => {
    const bomb = await sharedStringBomb(300);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rss = process.memoryUsage().rss;
    const res = await upload(bomb, 'bom.xlsx', XLSX);
    expect(isErrorBody(res.body, 413)).toBe(true);
    expect(res.body.message).toMatch(/unzips to more than 256 MB/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    await stillAlive();
  }, 60_000);

  it('a sheet of 25,000 rows (a 130 kB file) is refused with 413 naming the limit', async () => {
    const bomb = await manyRowsBomb(25_000);
    const res = await upload(bomb, 'nhieu-dong.xlsx', XLSX);
    expect(isErrorBody(res.body, 413)).toBe(true);
    expect(res.body.message).toMatch(/more than 20000 rows/);
    await stillAlive();
  }, 60_000);

  it('a CSV of 25,000 lines is refused the same way', async () => {
    const row = ['Nông Văn Ba', '000000000000', 'Nam', 1970, 'Tày', '', 'Cai Kinh', 'Thôn', 4, 'nghèo'];
    const csv = householdCsv(Array.from({ length: 25_000 }, () => row));
    expect(csv.length).toBeLessThan(50 * 1024 * 1024);
    const res = await upload(csv, 'nhieu-dong.csv', 'text/csv');
    expect(isErrorBody(res.body, 413)).toBe(true);
    expect(res.body.message).toMatch(/more than 20000 rows/);
  }, 60_000);
});
