import { HttpStatus, INestApplication } from '@nestjs/common';
import { AllExceptionsFilter } from '@lienket/http-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, QueryFailedError } from 'typeorm';
import { DEV_JWT_SECRET, validateEnv } from '../../src/config/env';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestApp } from '../support/app';
import { Fixtures, signedIn, TestUser } from '../support/fixtures';
import { householdBody } from '../support/households';

/**
 * OWASP API8:2023 Security Misconfiguration — configuration and error answers (headers and CORS:
 * api8-misconfiguration-headers.e2e-spec.ts; production start refusals — the development
 * JWT_SECRET, a Redis that may evict jobs — test/startup.e2e-spec.ts).
 *
 * /docs and /docs-json: served in production too, on purpose. They describe routes and schemas
 * that partners (enterprises' ERPs, webhook receivers) integrate against; nothing in them is a
 * secret, and every route but login, refresh, the ping and /health needs a token whatever the
 * document says (API5). An operator who wants them private blocks the two paths at the proxy.
 */
let app: INestApplication;
let admin: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  admin = await new Fixtures(app).user('admin');
});
afterAll(() => app.close());

describe('TypeORM never synchronizes the schema', () => {
  const urls = [
    undefined,
    'mysql://lienket:secret@db:3306/lienket',
    'mariadb://lienket:secret@db:3306/lienket',
  ];

  it.each(['development', 'test', 'production'])(
    'NODE_ENV=%s: synchronize off, migrations on, schema never dropped, for SQLite and MySQL',
    (nodeEnv) => {
      const before = process.env.NODE_ENV;
      process.env.NODE_ENV = nodeEnv;
      try {
        for (const DATABASE_URL of urls) {
          const options = dataSourceOptions({ DATABASE_URL, SQLITE_PATH: ':memory:' });
          expect({
            DATABASE_URL,
            synchronize: options.synchronize,
            migrationsRun: options.migrationsRun,
            dropSchema: options.dropSchema ?? false,
          }).toEqual({
            DATABASE_URL,
            synchronize: false,
            migrationsRun: true,
            dropSchema: false,
          });
        }
      } finally {
        process.env.NODE_ENV = before;
      }
    },
  );

  it('the running app’s data source has synchronize off, and no source file turns it on', () => {
    expect(app.get(DataSource).options.synchronize).toBe(false);
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const root = join(__dirname, '..', '..');
    const offenders = [...files(join(root, 'src')), ...files(join(root, 'libs'))].filter((f) =>
      /synchronize:\s*true|dropSchema:\s*true|\.synchronize\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('production configuration', () => {
  it('refuses the development JWT secret, a short one, and fault injection (startup.e2e runs the process)', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ...prod, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ...prod, JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ...prod, FAULT_INJECTION: 'relay-crash-after-enqueue' })).toThrow(
      /FAULT_INJECTION/,
    );
    expect(validateEnv(prod).NODE_ENV).toBe('production');
  });
});

/** Traces of the machinery an error answer must not carry. */
const LEAKS = [
  /\n\s+at /, // a stack frame
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|SET|VALUES|WHERE)\b/i, // SQL
  /QueryFailedError|ER_[A-Z_]+|SQLITE_[A-Z]+|TypeError|RangeError/,
  /node_modules|\/src\/|\.ts:\d+/,
];

describe('error answers carry no stack trace, SQL or path', () => {
  it('for every kind of failure the API answers over HTTP', async () => {
    const api = () => request(app.getHttpServer());
    const coop = await new Fixtures(app).user('cooperative');
    const household = householdBody();
    await signedIn(app, coop).post('/api/v1/households', household).expect(201);
    const answers = [
      await api().get('/api/v1/no-such-route'),
      await api().get('/api/v1/users/not-a-uuid').auth(admin.token, { type: 'bearer' }),
      await api()
        .get('/api/v1/households/00000000-0000-4000-8000-000000000000')
        .auth(admin.token, { type: 'bearer' }),
      await api()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": "admin", '),
      await api()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": "\\ud800", "password": 1}'),
      await api()
        .post('/api/v1/auth/login')
        .send({ username: 'x'.repeat(2_000_000) }),
      await api().get('/api/v1/users'),
      await signedIn(app, coop).get('/api/v1/users'),
      // A unique key: the database's duplicate-entry error becomes a 409 naming the key only.
      await signedIn(app, admin).post('/api/v1/households', { ...household, village: 'Thôn khác' }),
      // A foreign key: 422 without the constraint's SQL.
      await signedIn(app, admin).post('/api/v1/growing-areas', {
        code: 'VN-ERR-000001',
        kind: 'domestic',
        productCode: 'no-such-product',
        areaHa: 1,
        communeCode: '06427',
        issuer: 'Chi cục',
        issuedOn: '2026-01-01',
      }),
      await api().get('/api/v1/households?sort=passwordHash').auth(admin.token, { type: 'bearer' }),
    ];
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses).toEqual(expect.arrayContaining([400, 401, 403, 404, 409, 413]));
    for (const res of answers) {
      const text = JSON.stringify(res.body);
      expect({ status: res.status, text, leaks: LEAKS.filter((p) => p.test(text)).map(String) }).toEqual({
        status: res.status,
        text,
        leaks: [],
      });
    }
  });

  it('an unexpected error (a bug, a database failure) is a bare 500: the details stay in the log', () => {
    const filter = new AllExceptionsFilter();
    const sql = new QueryFailedError(
      'SELECT `u`.`passwordHash` FROM `users` `u` WHERE `u`.`id` = ?',
      ['1'],
      Object.assign(new Error('ER_LOCK_DEADLOCK: Deadlock found when trying to get lock'), {
        code: 'ER_LOCK_DEADLOCK',
      }),
    );
    for (const error of [
      sql,
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string thrown',
    ]) {
      expect(filter.toBody(error)).toEqual({
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
    }
  });
});

describe('API documentation', () => {
  it('is served at /docs and /docs-json without a token (kept in production, see above)', async () => {
    await request(app.getHttpServer()).get('/docs').expect(200);
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    // It describes the bearer scheme, never a credential or a secret's value.
    expect(doc.body.components.securitySchemes).toHaveProperty('bearer');
    expect(JSON.stringify(doc.body)).not.toContain(DEV_JWT_SECRET);
  });
});
