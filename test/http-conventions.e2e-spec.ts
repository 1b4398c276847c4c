import 'reflect-metadata';
import { Body, Controller, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CccdAgreesWith, IsCccd, IsVnMobile, IsVnTaxCode } from '@lienket/vn-identity';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { Agent, get as httpGet } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { configureApp } from '../src/app.setup';
import { Public } from '../src/auth/roles.decorator';
import { PinoLoggerService } from '../src/logging/pino-logger.service';
import { PrototypedExpressAdapter } from '../src/prototyped-express.adapter';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD, signedIn, TestUser, unique } from './support/fixtures';

/** Test-only: a household-like body checked by the Vietnamese identity validators. */
class IdentityProbeDto {
  @IsString() @IsNotEmpty() headName!: string;
  @IsCccd() @CccdAgreesWith('birthYear', 'gender') nationalId!: string;
  @IsInt() @Min(1900) @Max(2100) birthYear!: number;
  @IsIn(['male', 'female']) gender!: 'male' | 'female';
  @IsOptional() @IsVnMobile() phone?: string;
  @IsOptional() @IsVnTaxCode() taxCode?: string;
}

@Controller('identity-probe')
class IdentityProbeController {
  @Public()
  @Post()
  create(@Body() dto: IdentityProbeDto): IdentityProbeDto {
    return dto;
  }
}

/** The production module plus the probe controller, through the same configureApp() pipeline. */
async function createProbeApp(): Promise<INestApplication> {
  const dir = process.env.LIENKET_TEST_DIR ?? join(tmpdir(), 'lienket-test');
  mkdirSync(dir, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: join(dir, `worker-${process.env.JEST_WORKER_ID ?? '1'}.sqlite`),
  });
  // Loaded only now, like createTestApp does: ConfigModule.forRoot validates process.env on import.
  const { AppModule } = await import('../src/app.module');
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule],
    controllers: [IdentityProbeController],
  }).compile();
  const probe = moduleRef.createNestApplication(new PrototypedExpressAdapter(), { bodyParser: false });
  configureApp(probe, PinoLoggerService.create('silent'));
  await probe.init();
  return probe;
}

let app: INestApplication;
let probe: INestApplication;
let fx: Fixtures;
let admin: TestUser;
let official: TestUser;
/** Every status either app answered in this file: none may be a 500. */
const answered: Array<{ url: string; status: number }> = [];
const record = (server: Server) =>
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    res.on('finish', () => answered.push({ url: `${req.method} ${req.url}`, status: res.statusCode })),
  );

beforeAll(async () => {
  app = await createTestApp();
  probe = await createProbeApp();
  record(app.getHttpServer());
  record(probe.getHttpServer());
  fx = new Fixtures(app);
  admin = await fx.user('admin');
  official = await fx.user('official');
});
afterAll(async () => {
  await probe?.close();
  await app?.close();
});

const api = () => request(app.getHttpServer());
const bearer = { type: 'bearer' } as const;

/** The SPEC §5 error shape, exactly: no other keys. */
function expectError(res: request.Response, status: number, fields?: string[]): void {
  expect(res.status).toBe(status);
  expect(Object.keys(res.body).sort()).toEqual(
    fields ? ['details', 'error', 'message', 'statusCode'] : ['error', 'message', 'statusCode'],
  );
  expect(res.body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
  });
  if (fields) {
    for (const d of res.body.details)
      expect(d).toEqual({ field: expect.any(String), message: expect.any(String) });
    expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(fields));
  }
}

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `h.${unique()}`,
  password: PASSWORD,
  fullName: 'Nông Thị Hoa',
  role: 'official',
  ...overrides,
});

describe('validation errors: 400 naming each field', () => {
  it('rejects an unknown field in a body and creates nothing', async () => {
    const body = newUser({ isAdmin: true });
    const res = await api().post('/api/v1/users').auth(admin.token, bearer).send(body);
    expectError(res, 400, ['isAdmin']);
    expect(res.body).toMatchObject({ error: 'Bad Request', message: 'Validation failed' });
    const found = await api()
      .get(`/api/v1/users?search=${body.username}`)
      .auth(admin.token, bearer)
      .expect(200);
    expect(found.body.total).toBe(0);
  });

  it('rejects an unknown query parameter', async () => {
    const res = await api().get('/api/v1/communes?colour=red').auth(official.token, bearer);
    expectError(res, 400, ['colour']);
  });

  it.each([
    ['limit=abc', ['limit']],
    ['page=0', ['page']],
    ['limit=201', ['limit']],
    ['limit=0', ['limit']],
    ['page=1.5', ['page']],
    ['limit=abc&page=0', ['limit', 'page']],
    ['page=100000000000000000', ['page']],
    ['page=502&limit=200', ['page']],
  ])('rejects %s on a list', async (query, fields) => {
    const res = await api().get(`/api/v1/communes?${query}`).auth(official.token, bearer);
    expectError(res, 400, fields);
  });

  it('accepts the deepest page: 100,000 rows skipped', async () => {
    await api().get('/api/v1/communes?page=501&limit=200').auth(official.token, bearer).expect(200);
  });

  it('accepts the bounds: page=1 and limit=200', async () => {
    const res = await api().get('/api/v1/communes?page=1&limit=200').auth(official.token, bearer).expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 200 });
  });

  it('rejects a number where a string is expected, naming each such field', async () => {
    const res = await api()
      .post('/api/v1/users')
      .auth(admin.token, bearer)
      .send(newUser({ fullName: 42, password: 1234567890123 }));
    expectError(res, 400, ['fullName', 'password']);
  });

  it('rejects a sort field outside the allow-list, and accepts one inside it', async () => {
    const res = await api().get('/api/v1/users?sort=passwordHash').auth(admin.token, bearer);
    expectError(res, 400, ['sort']);
    expect(res.body.details[0].message).toContain('-username');
    const descending = await api()
      .get('/api/v1/communes?sort=-code&limit=2')
      .auth(official.token, bearer)
      .expect(200);
    expect(descending.body.items[0].code > descending.body.items[1].code).toBe(true);
  });

  it('answers 400 for a non-UUID id in /users/:id', async () => {
    const res = await api().get('/api/v1/users/not-a-uuid').auth(admin.token, bearer);
    expectError(res, 400);
    expect(res.body.error).toBe('Bad Request');
    const patch = await api().patch('/api/v1/users/123').auth(admin.token, bearer).send({ version: 1 });
    expectError(patch, 400);
  });
});

describe('request bodies', () => {
  it('answers 400 "Malformed JSON…" for a body that is not JSON', async () => {
    const res = await api()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", "password": ');
    expectError(res, 400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^Malformed JSON/),
    });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers 413 for a body over the limit', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(1_100_000) });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await api().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body);
    expectError(res, 413);
    expect(res.body).toMatchObject({ error: 'Payload Too Large', message: expect.stringContaining('1mb') });
  });

  it('accepts a body just under the limit (and lets validation answer)', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(1_000_000) });
    const res = await api().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body);
    expectError(res, 400, ['password']);
  });
});

describe('routes and records that do not exist', () => {
  it('answers 404 in the error shape for an unknown route, with or without a token', async () => {
    const anonymous = await api().get('/api/v1/no-such-thing');
    expectError(anonymous, 404);
    expect(anonymous.body).toMatchObject({
      error: 'Not Found',
      message: expect.stringContaining('/api/v1/no-such-thing'),
    });
    expectError(await api().delete('/api/v1/communes').auth(official.token, bearer), 404);
    expectError(await api().get('/no-prefix/at/all'), 404);
  });

  it('answers 422 when a referenced record does not exist', async () => {
    const cooperativeId = randomUUID();
    const body = newUser({ role: 'cooperative', cooperativeId });
    const res = await api().post('/api/v1/users').auth(admin.token, bearer).send(body);
    expectError(res, 422);
    expect(res.body).toMatchObject({
      error: 'Unprocessable Entity',
      message: expect.stringContaining(cooperativeId),
    });
    const found = await api()
      .get(`/api/v1/users?search=${body.username}`)
      .auth(admin.token, bearer)
      .expect(200);
    expect(found.body.total).toBe(0);
  });
});

describe('conflicts: 409', () => {
  it('for a username created twice', async () => {
    const body = newUser();
    await api().post('/api/v1/users').auth(admin.token, bearer).send(body).expect(201);
    const res = await api()
      .post('/api/v1/users')
      .auth(admin.token, bearer)
      .send(newUser({ username: body.username }));
    expectError(res, 409);
    expect(res.body.error).toBe('Conflict');
  });

  it('for a username created by several requests at once: exactly one wins', async () => {
    const body = newUser();
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        api()
          .post('/api/v1/users')
          .auth(admin.token, bearer)
          .send({ ...body, fullName: `Người thứ ${i}` })
          .then((res) => res),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expectError(res, 409);
    const found = await api()
      .get(`/api/v1/users?search=${body.username}`)
      .auth(admin.token, bearer)
      .expect(200);
    expect(found.body.total).toBe(1);
  });

  it('for a product code that exists', async () => {
    const product = {
      code: `http-${unique()}`,
      name: 'Test anise',
      nameVi: 'hồi thử',
      kind: 'crop',
      unit: 'kg',
      harvestMonths: [9],
    };
    await api().post('/api/v1/products').auth(official.token, bearer).send(product).expect(201);
    expectError(await api().post('/api/v1/products').auth(official.token, bearer).send(product), 409);
    expectError(
      await api()
        .post('/api/v1/products')
        .auth(official.token, bearer)
        .send({ ...product, code: 'star-anise' }),
      409,
    );
  });

  it('for a PATCH with a stale version, leaving the record unchanged', async () => {
    const created = await api().post('/api/v1/users').auth(admin.token, bearer).send(newUser()).expect(201);
    const url = `/api/v1/users/${created.body.id}`;
    await api().patch(url).auth(admin.token, bearer).send({ fullName: 'Bản mới', version: 1 }).expect(200);
    const stale = await api()
      .patch(url)
      .auth(admin.token, bearer)
      .send({ fullName: 'Bản cũ', active: false, version: 1 });
    expectError(stale, 409);
    const read = await api().get(url).auth(admin.token, bearer).expect(200);
    expect(read.body).toMatchObject({ fullName: 'Bản mới', active: true, version: 2 });
  });
});

describe('keep-alive connections', () => {
  it('stay open while idle past Node’s 5 s default (KEEP_ALIVE_TIMEOUT_MS, 65 s by default)', async () => {
    const server = app.getHttpServer() as Server;
    expect(server.keepAliveTimeout).toBe(65_000);
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; socket: Socket }>((resolve, reject) => {
        const req = httpGet({ host: '127.0.0.1', port, path: '/api/v1', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, socket: req.socket! }));
        });
        req.on('error', reject);
      });
    const first = await get();
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const second = await get();
    agent.destroy();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.socket).toBe(first.socket);
  }, 15_000);
});

describe('caching', () => {
  it('API answers are never stored and carry no ETag; static assets keep theirs', async () => {
    for (const res of [
      await api().get('/api/v1').expect(200),
      await api().get('/api/v1/no-such-thing').expect(404),
      await signedIn(app, admin).get('/api/v1/households').expect(200),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
    const css = await api().get('/assets/app.css').expect(200);
    expect(css.headers.etag).toBeDefined();
    expect(css.headers['cache-control']).toMatch(/max-age=86400/);
  });
});

describe('X-Request-Id', () => {
  it('keeps the id the client sent', async () => {
    const id = `req-${unique()}`;
    const res = await api().get('/api/v1').set('X-Request-Id', id).expect(200);
    expect(res.headers['x-request-id']).toBe(id);
  });

  it('generates one when none (or an unusable one) is sent, also on errors', async () => {
    const first = await api().get('/api/v1').expect(200);
    const second = await api().get('/api/v1/no-such-thing').expect(404);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(first.headers['x-request-id']).toMatch(uuid);
    expect(second.headers['x-request-id']).toMatch(uuid);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    const unusable = await api().get('/api/v1').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(unusable.headers['x-request-id']).toMatch(uuid);
  });
});

describe('Vietnamese identity validators over HTTP', () => {
  const probeApi = () => request(probe.getHttpServer());
  // Lạng Sơn (020), a man born in 1985: digit 4 = 0 (male, 1900s), digits 5–6 = 85.
  const good = {
    headName: 'Hoàng Văn Thụ',
    nationalId: '020085001234',
    birthYear: 1985,
    gender: 'male',
    phone: '0912345678',
    taxCode: '4900123456',
  };

  it('accepts a good Vietnamese sample with 201', async () => {
    const res = await probeApi().post('/api/v1/identity-probe').send(good).expect(201);
    expect(res.body).toEqual(good);
    await probeApi()
      .post('/api/v1/identity-probe')
      .send({
        ...good,
        nationalId: '020185001234',
        gender: 'female',
        phone: '+84 912 345 678',
        taxCode: '4900123456-001',
      })
      .expect(201);
  });

  it.each([
    ['a CCCD of the wrong length', { nationalId: '02008500123' }, ['nationalId']],
    ['a CCCD with province 000', { nationalId: '000085001234' }, ['nationalId']],
    ['a CCCD whose birth year disagrees', { nationalId: '020090001234' }, ['nationalId']],
    ['a CCCD whose gender disagrees', { gender: 'female' }, ['nationalId']],
    ['a landline number', { phone: '0251234567' }, ['phone']],
    ['a mobile number too short', { phone: '091234567' }, ['phone']],
    ['a tax code of 9 digits', { taxCode: '490012345' }, ['taxCode']],
    ['a tax code with a bad branch suffix', { taxCode: '4900123456-01' }, ['taxCode']],
    [
      'three bad fields at once',
      { nationalId: '0200850', phone: '123', taxCode: 'abc' },
      ['nationalId', 'phone', 'taxCode'],
    ],
  ])('answers 400 for %s', async (_case, change, fields) => {
    const res = await probeApi()
      .post('/api/v1/identity-probe')
      .send({ ...good, ...change });
    expectError(res, 400, fields);
  });

  it('says why a CCCD disagrees with the birth year', async () => {
    const res = await probeApi()
      .post('/api/v1/identity-probe')
      .send({ ...good, nationalId: '020090001234' });
    expectError(res, 400, ['nationalId']);
    expect(res.body.details[0].message).toMatch(/1990.*1985/);
  });

  it('runs behind the same pipeline: unknown fields are rejected there too', async () => {
    const res = await probeApi()
      .post('/api/v1/identity-probe')
      .send({ ...good, ethnicityName: 'Tày' });
    expectError(res, 400, ['ethnicityName']);
  });
});

describe('no 500s', () => {
  it('answered none of this file’s requests with a server error', () => {
    expect(answered.length).toBeGreaterThan(40);
    expect(answered.filter((a) => a.status >= 500)).toEqual([]);
  });
});
