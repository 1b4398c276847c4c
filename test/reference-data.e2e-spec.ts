import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, TestUser, unique } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  official = await fx.user('official');
});
afterAll(() => app.close());

const api = () => request(app.getHttpServer());
const get = (url: string, token = official.token) => api().get(url).auth(token, { type: 'bearer' });

const REFERENCE_PRODUCTS = {
  duck: 'head',
  chestnut: 'kg',
  'grass-jelly': 'kg',
  persimmon: 'kg',
  'custard-apple': 'kg',
  'star-anise': 'kg',
};

/** A valid crop product with a code no other test uses. */
const newProduct = (overrides: Record<string, unknown> = {}) => ({
  code: `test-${unique()}`,
  name: 'Mountain ginger',
  nameVi: 'gừng núi',
  kind: 'crop',
  unit: 'kg',
  harvestMonths: [11, 12],
  ...overrides,
});

describe('GET /communes', () => {
  it('lists the 65 units of Lạng Sơn, 20 per page by default', async () => {
    const res = await get('/api/v1/communes').expect(200);
    expect(res.body).toMatchObject({ total: 65, page: 1, limit: 20 });
    expect(res.body.items).toHaveLength(20);
  });

  it('gives all 65 with limit=200, and pages of 20 that add up to the same 65 without overlap', async () => {
    const all = await get('/api/v1/communes?limit=200').expect(200);
    expect(all.body).toMatchObject({ total: 65, page: 1, limit: 200 });
    const allCodes: string[] = all.body.items.map((c: { code: string }) => c.code);
    expect(new Set(allCodes).size).toBe(65);

    const paged: string[] = [];
    for (const page of [1, 2, 3, 4]) {
      const res = await get(`/api/v1/communes?limit=20&page=${page}`).expect(200);
      expect(res.body).toMatchObject({ total: 65, page, limit: 20 });
      paged.push(...res.body.items.map((c: { code: string }) => c.code));
    }
    expect(paged).toHaveLength(65);
    expect([...paged].sort()).toEqual([...allCodes].sort());
    const beyond = await get('/api/v1/communes?limit=20&page=5').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 65, page: 5 });
  });

  it.each(['cai kinh', 'CAI KINH', 'Cai Kính', 'cai kính'])(
    'search %p finds Cai Kinh (06427) and nothing else',
    async (search) => {
      const res = await get(`/api/v1/communes?search=${encodeURIComponent(search)}`).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items).toEqual([expect.objectContaining({ code: '06427', name: 'Cai Kinh' })]);
    },
  );

  it('search matches the start of any word: "son" finds Bắc Sơn and Ba Sơn', async () => {
    const res = await get('/api/v1/communes?search=son&limit=200').expect(200);
    const codes = res.body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['06325', '06196']));
    expect(res.body.total).toBe(codes.length);
    // Only the start of a word matches: "on" is inside "sơn" but starts no word of Bắc Sơn.
    const mid = await get('/api/v1/communes?search=on&limit=200').expect(200);
    expect(mid.body.items.map((c: { code: string }) => c.code)).not.toContain('06325');
  });

  it('search finds a unit by the name of a former commune merged into it ("cao lau" → Ba Sơn)', async () => {
    const res = await get('/api/v1/communes?search=cao%20lau').expect(200);
    expect(res.body.items).toEqual([expect.objectContaining({ code: '06196', name: 'Ba Sơn' })]);
    expect(res.body.items[0].mergedFrom).toEqual(expect.arrayContaining(['Xã Cao Lâu']));
  });

  it('search treats LIKE wildcards literally', async () => {
    const res = await get('/api/v1/communes?search=%25').expect(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
    const underscore = await get('/api/v1/communes?search=c_i').expect(200);
    expect(underscore.body.total).toBe(0);
  });
});

describe('GET /communes/:code', () => {
  it('answers one unit', async () => {
    const res = await get('/api/v1/communes/06427').expect(200);
    expect(res.body).toMatchObject({
      code: '06427',
      name: 'Cai Kinh',
      type: expect.stringMatching(/^(commune|ward)$/),
    });
  });

  it('answers 404 in the error shape for an unknown code', async () => {
    const res = await get('/api/v1/communes/99999').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining('99999'),
    });
  });
});

describe('GET /ethnicities', () => {
  it('lists the 54 groups with Tày a minority and Kinh not', async () => {
    const res = await get('/api/v1/ethnicities?limit=200').expect(200);
    expect(res.body).toMatchObject({ total: 54, page: 1, limit: 200 });
    expect(res.body.items).toHaveLength(54);
    const byCode = new Map(res.body.items.map((e: { code: string }) => [e.code, e]));
    expect(byCode.get('02')).toMatchObject({ code: '02', name: 'Tày', minority: true });
    expect(byCode.get('01')).toMatchObject({ code: '01', name: 'Kinh', minority: false });
    const majority = res.body.items.filter((e: { minority: boolean }) => !e.minority);
    expect(majority).toHaveLength(1);
  });
});

describe('GET /products', () => {
  it('lists the 6 reference products with their units', async () => {
    const res = await get('/api/v1/products?limit=200').expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 200 });
    expect(res.body.total).toBeGreaterThanOrEqual(6);
    const units = Object.fromEntries(
      res.body.items
        .filter((p: { code: string }) => p.code in REFERENCE_PRODUCTS)
        .map((p: { code: string; unit: string }) => [p.code, p.unit]),
    );
    expect(units).toEqual(REFERENCE_PRODUCTS);
  });

  it('filters by kind', async () => {
    const res = await get('/api/v1/products?kind=livestock&limit=200').expect(200);
    expect(res.body.items.map((p: { code: string }) => p.code)).toContain('duck');
    expect(res.body.items.every((p: { kind: string }) => p.kind === 'livestock')).toBe(true);
  });

  it('GET /products/grass-jelly answers its published yield', async () => {
    const res = await get('/api/v1/products/grass-jelly').expect(200);
    expect(res.body).toMatchObject({
      code: 'grass-jelly',
      kind: 'crop',
      unit: 'kg',
      typicalYieldPerHa: 5300,
      harvestMonths: [7, 8],
    });
  });

  it('GET /products/:code answers 404 for an unknown product', async () => {
    const res = await get('/api/v1/products/no-such-product').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe('POST /products', () => {
  it('lets an official create one, answered whole and audited as entity product', async () => {
    const body = newProduct({ offSeasonMonths: [3], typicalYieldPerHa: 12000, notes: 'Thử nghiệm' });
    const res = await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({ ...body, version: 1 });

    const again = await get(`/api/v1/products/${body.code}`).expect(200);
    expect(again.body).toMatchObject(body);

    const audit = await get(`/api/v1/audit?entity=product&entityId=${body.code}`).expect(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      entity: 'product',
      entityId: body.code,
      action: 'create',
      actorId: official.id,
      actorUsername: official.username,
      changes: expect.objectContaining({ unit: { before: null, after: 'kg' } }),
    });
  });

  it('defaults the optional fields', async () => {
    const body = newProduct();
    const res = await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({ offSeasonMonths: [], typicalYieldPerHa: null, notes: null });
  });

  it('refuses a cooperative user with 403 and creates nothing', async () => {
    const coop = await fx.user('cooperative');
    const body = newProduct();
    const res = await api()
      .post('/api/v1/products')
      .auth(coop.token, { type: 'bearer' })
      .send(body)
      .expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    await get(`/api/v1/products/${body.code}`).expect(404);
  });

  it('answers 409 for an existing code, reference or not', async () => {
    const body = newProduct();
    await api().post('/api/v1/products').auth(official.token, { type: 'bearer' }).send(body).expect(201);
    const dup = await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send({ ...body, name: 'Another name' })
      .expect(409);
    expect(dup.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining(body.code),
    });
    await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(newProduct({ code: 'duck', kind: 'livestock', unit: 'head' }))
      .expect(409);
    const kept = await get(`/api/v1/products/${body.code}`).expect(200);
    expect(kept.body.name).toBe(body.name);
  });

  it('answers 422 for a livestock product counted in kg (and a crop counted in heads)', async () => {
    const livestock = newProduct({ kind: 'livestock', unit: 'kg' });
    const res = await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(livestock)
      .expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    await get(`/api/v1/products/${livestock.code}`).expect(404);
    await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(newProduct({ kind: 'crop', unit: 'head' }))
      .expect(422);
  });

  it('answers 400 naming the field for a month outside 1–12', async () => {
    const res = await api()
      .post('/api/v1/products')
      .auth(official.token, { type: 'bearer' })
      .send(newProduct({ harvestMonths: [12, 13], offSeasonMonths: [0] }))
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['harvestMonths', 'offSeasonMonths']));
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/api/v1/communes'],
    ['GET', '/api/v1/communes/06427'],
    ['GET', '/api/v1/ethnicities'],
    ['GET', '/api/v1/products'],
    ['GET', '/api/v1/products/duck'],
    ['POST', '/api/v1/products'],
  ])('%s %s answers 401 without a token', async (method, url) => {
    const req = method === 'GET' ? api().get(url) : api().post(url).send(newProduct());
    const res = await req.expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('every role may read the reference data', async () => {
    for (const role of ['admin', 'inspector', 'cooperative', 'enterprise'] as const) {
      const user = await fx.user(role);
      await get('/api/v1/communes/06427', user.token).expect(200);
      await get('/api/v1/products/duck', user.token).expect(200);
      await get('/api/v1/ethnicities', user.token).expect(200);
    }
  });
});
