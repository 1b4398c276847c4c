import { INestApplication } from '@nestjs/common';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from './support/app';

/**
 * The embedded default's first start on a database of its own (a fresh SQLite file, or a fresh
 * MariaDB database on the MySQL run): the demo seed must reproduce SPEC §7.
 */
let app: INestApplication;
let dropDatabase: (() => Promise<void>) | undefined;
const dir = mkdtempSync(join(tmpdir(), 'lienket-demo-'));

beforeAll(async () => {
  const env: Record<string, string> = { SEED_DEMO: 'true', SQLITE_PATH: join(dir, 'demo.sqlite') };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    const name = `${url.pathname.slice(1)}_demo`;
    const { createConnection } = await import('mysql2/promise');
    const admin = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: url.username,
      password: url.password,
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    };
  }
  app = await createTestApp(env);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await dropDatabase?.();
});

async function signIn(role: string): Promise<string> {
  const file = join(dir, 'demo-users.txt');
  expect(existsSync(file)).toBe(true);
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(role));
  const [, username, password] = line!.trim().split(/\s+/);
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ username, password })
    .expect(200);
  return res.body.accessToken;
}

describe('the Lạng Sơn demo (SPEC §7)', () => {
  it('shows the province’s figures in GET /reports/overview exactly', async () => {
    const token = await signIn('official');
    const res = await request(app.getHttpServer())
      .get('/api/v1/reports/overview')
      .auth(token, { type: 'bearer' })
      .expect(200);
    const byProduct = Object.fromEntries(
      res.body.products.map((p: { productCode: string; households: number; areaHa: number }) => [
        p.productCode,
        [p.households, p.areaHa],
      ]),
    );
    expect(byProduct).toMatchObject({
      duck: [48, 7],
      chestnut: [20, 10],
      'grass-jelly': [103, 50],
      persimmon: [16, 33],
      'custard-apple': [38, 24],
    });
    expect(res.body.growingAreas).toMatchObject({ total: 229, byKind: { export: 178, domestic: 51 } });
    expect(res.body.growingAreas.areaHa).toBeGreaterThan(1200);
    expect(res.body.packingFacilities).toMatchObject({ total: 14, byStatus: { active: 14 } });
  });

  it('shows the 2023 programme capital and its disbursement in GET /reports/disbursement', async () => {
    const token = await signIn('official');
    const res = await request(app.getHttpServer())
      .get('/api/v1/reports/disbursement?year=2023&programme=1719')
      .auth(token, { type: 'bearer' })
      .expect(200);
    const million = (n: number) => n / 1_000_000;
    const state = res.body.bySource.find((l: { source: string }) => l.source === 'state');
    expect(million(state.planVnd)).toBe(1_188_600);
    const byType = Object.fromEntries(
      res.body.byCapitalType.map(
        (l: { capitalType: string; planVnd: number; disbursedVnd: number; percent: number }) => [
          l.capitalType,
          [million(l.planVnd), million(l.disbursedVnd), Math.round(l.percent)],
        ],
      ),
    );
    // §7 rounds the investment share to 76 %; 430,192 / 570,354 is 75.4 %.
    expect(byType).toEqual({ investment: [570_354, 430_192, 75], recurrent: [618_246, 122_614, 20] });
  });

  it('gives an enterprise meaningful supply for custard apple to China', async () => {
    const token = await signIn('enterprise');
    const res = await request(app.getHttpServer())
      .get('/api/v1/supply?product=custard-apple&market=CN&from=2027-07-01&to=2027-09-30')
      .auth(token, { type: 'bearer' })
      .expect(200);
    const { forecast, committed, available } = res.body.totals;
    expect(forecast).toBeGreaterThan(committed);
    expect(committed).toBeGreaterThan(0);
    expect(available).toBe(Math.round((forecast - committed) * 100) / 100);
    expect(res.body.sources.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/headName|nationalId|birthYear/);
  });
});
