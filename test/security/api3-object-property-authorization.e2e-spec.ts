import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { OutboxRelay } from '../../src/notifications/outbox-relay.service';
import { createTestApp } from '../support/app';
import { Fixtures, signedIn, TestUser } from '../support/fixtures';
import { growingAreaBody } from '../support/certificates';
import { householdBody } from '../support/households';
import { binary } from '../support/sheets';
import {
  ApiOperation,
  apiSurface,
  deepKeys,
  fillPath,
  JsonSchema,
  OpenApiDocument,
  resolve,
} from './support/api-surface';
import { validBodies } from './support/bodies';
import { buildWorld, householdCsv, pathValues, uniquePhone, World } from './support/world';

/**
 * OWASP API3:2023 Broken Object Property Level Authorization.
 * Mass assignment: the strict ValidationPipe (whitelist + forbidNonWhitelisted) refuses any field a
 * DTO does not declare, naming it, on every JSON body of the OpenAPI document (nested objects
 * too); where a DTO legitimately has such a field, the service checks who may set it.
 * Excessive data exposure: an enterprise reads no household personal data on any GET route it
 * may call, walked from the OpenAPI document with ids of records it may see.
 */
let app: INestApplication;
let world: World;
let doc: OpenApiDocument;
let operations: ApiOperation[];
let bodies: Awaited<ReturnType<typeof validBodies>>;
beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app);
  ({ doc, operations } = await apiSurface(app));
  bodies = await validBodies(app, world);
}, 120_000);
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const fieldsOf = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

/** Server-owned or privileged properties a client might try to slip into any body. */
const SMUGGLED: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000000',
  role: 'admin',
  cooperativeId: '00000000-0000-4000-8000-000000000000',
  enterpriseId: '00000000-0000-4000-8000-000000000000',
  status: 'active',
  version: 1,
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  deletedAt: null,
  createdBy: '00000000-0000-4000-8000-000000000000',
  userId: '00000000-0000-4000-8000-000000000000',
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
  searchKey: 'x',
  active: true,
  __proto__: { role: 'admin' },
};

describe('mass assignment', () => {
  it('every JSON body refuses each smuggled field its DTO does not declare, naming it (400)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.jsonBody && o.roles.includes('admin'))) {
      const declared = new Set(Object.keys(op.jsonBody!.properties ?? {}));
      const path = fillPath(op.path, pathValues(world, op.path));
      for (const [field, value] of Object.entries(SMUGGLED)) {
        if (declared.has(field)) continue;
        const body = bodies[op.key]?.() ?? {};
        // JSON text, so __proto__ and constructor arrive as own properties, as a client would send them.
        const raw = JSON.stringify(body).replace(
          /^\{/,
          `{${JSON.stringify(field)}:${JSON.stringify(value)},`,
        );
        const res = await request(app.getHttpServer())
          [op.method](path)
          .auth(world.admin.token, { type: 'bearer' })
          .set('Content-Type', 'application/json')
          .send(raw.replace(/,\}$/, '}'));
        checked++;
        if (res.status !== 400 || !fieldsOf(res.body).includes(field)) {
          wrong.push(`${op.key} + ${field}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    console.log(`API3: ${checked} (body, smuggled field) pairs refused`);
    expect(wrong).toEqual([]);
  });

  it('a `constructor` key is dropped by class-transformer (never assigned) and pollutes no prototype', async () => {
    const raw = JSON.stringify(bodies['POST /api/v1/cooperatives']()).replace(
      /^\{/,
      '{"constructor":{"prototype":{"polluted":"yes"}},',
    );
    const res = await request(app.getHttpServer())
      .post('/api/v1/cooperatives')
      .auth(world.admin.token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(201);
    expect(Object.keys(res.body)).not.toContain('constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('nested objects are as strict: an unknown field inside consent, budget, rules[0]… is refused by its path', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.jsonBody && o.roles.includes('admin') && bodies[o.key])) {
      for (const [name, schema] of Object.entries(op.jsonBody!.properties ?? {})) {
        const nested = nestedObject(doc, schema);
        if (!nested) continue;
        const body = bodies[op.key]();
        const value = body[name];
        const target = nested.array ? (Array.isArray(value) ? value[0] : undefined) : value;
        if (!target || typeof target !== 'object') continue;
        (target as Record<string, unknown>).role = 'admin';
        const res = await as(world.admin)[op.method](fillPath(op.path, pathValues(world, op.path)), body);
        checked++;
        const expected = nested.array ? `${name}.0.role` : `${name}.role`;
        if (res.status !== 400 || !fieldsOf(res.body).includes(expected)) {
          wrong.push(`${op.key} ${expected}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(wrong).toEqual([]);
  });

  it('where a DTO has the field, the service decides who may set it', async () => {
    const ids = world.ids;
    const fx = new Fixtures(app);
    const other = await fx.cooperative();
    const otherEnterprise = await fx.enterprise();
    // A cooperative registers households into its own cooperative only.
    const coopInto = await as(world.coopUser).post(
      '/api/v1/households',
      householdBody({ cooperativeId: other.id }),
    );
    expect([coopInto.status, coopInto.body.message]).toEqual([422, expect.stringMatching(/own cooperative/)]);
    // Status, tax code and commune of a cooperative are for officials.
    const version = (await as(world.coopUser).get(`/api/v1/cooperatives/${ids.cooperative}`).expect(200)).body
      .version;
    for (const change of [{ status: 'dissolved' }, { taxCode: '0101234567' }, { communeCode: '06463' }]) {
      await as(world.coopUser)
        .patch(`/api/v1/cooperatives/${ids.cooperative}`, { ...change, version })
        .expect(403);
    }
    // An enterprise makes contracts for itself only; a cooperative or enterprise leads its own models only.
    const contract = bodies['POST /api/v1/contracts']();
    await as(world.enterpriseUser)
      .post('/api/v1/contracts', { ...contract, enterpriseId: otherEnterprise.id })
      .expect(403);
    const chain = bodies['POST /api/v1/value-chains']();
    await as(world.coopUser)
      .post('/api/v1/value-chains', { ...chain, leadCooperativeId: other.id })
      .expect(422);
    // A household's cooperative is never set by a PATCH (memberships have their own routes).
    const household = await as(world.coopUser).get(`/api/v1/households/${ids.household}`).expect(200);
    const patched = await as(world.coopUser)
      .patch(`/api/v1/households/${ids.household}`, {
        cooperativeId: other.id,
        version: household.body.version,
      })
      .expect(400);
    expect(fieldsOf(patched.body)).toEqual(['cooperativeId']);
    // Nothing above changed the cooperative.
    expect(
      (await as(world.admin).get(`/api/v1/cooperatives/${ids.cooperative}`).expect(200)).body,
    ).toMatchObject({
      status: 'active',
      version,
    });
  });

  it('an import’s form: a cooperative’s upload goes to its own cooperative whatever cooperativeId it sends; unknown fields are refused', async () => {
    const outsider = world.outsiders['cooperative B'];
    const upload = (fields: Record<string, string>, user: TestUser) => {
      const req = request(app.getHttpServer())
        .post('/api/v1/imports/households')
        .auth(user.token, { type: 'bearer' });
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach(
        'file',
        householdCsv([
          [
            'Ma Văn Tư',
            householdBody().nationalId as string,
            'Nam',
            1985,
            'Tày',
            uniquePhone(),
            'Cai Kinh',
            world.village,
            3,
            'nghèo',
          ],
        ]),
        { filename: 'ho.csv', contentType: 'text/csv' },
      );
    };
    const refused = await upload({ role: 'admin' }, outsider).expect(400);
    expect(fieldsOf(refused.body)).toContain('role');
    const preview = await upload({ cooperativeId: world.ids.cooperative }, outsider).expect(201);
    const committed = await as(outsider).post(`/api/v1/imports/${preview.body.id}/commit`).expect(200);
    expect(committed.body).toMatchObject({ created: 1 });
    const mine = await as(outsider)
      .get(`/api/v1/households?search=${encodeURIComponent('Ma Văn Tư')}&limit=200`)
      .expect(200);
    const theirs = await as(world.coopUser)
      .get(`/api/v1/households?search=${encodeURIComponent('Ma Văn Tư')}&limit=200`)
      .expect(200);
    const inVillage = (items: Array<{ village: string }>) =>
      items.filter((h) => h.village === world.village).length;
    expect([inVillage(mine.body.items), inVillage(theirs.body.items)]).toEqual([1, 0]);
  });
});

/** `budget` → its object schema; `rules` (array of objects) → the item schema. */
function nestedObject(d: OpenApiDocument, schema: JsonSchema): { array: boolean } | null {
  const own = resolve(d, schema);
  if (own.properties) return { array: false };
  if (own.type === 'array' && own.items && resolve(d, own.items).properties) return { array: true };
  return null;
}

describe('household personal data never reaches an enterprise', () => {
  /** Lists that need a query to answer, with one that finds the world's records. */
  const QUERIES: Record<string, string> = {
    'GET /api/v1/supply': '?product=custard-apple&from=2031-08-01&to=2031-08-31',
    'GET /api/v1/communes': '?limit=200',
  };

  it('on every GET route an enterprise may call, with ids of records it may see', async () => {
    // A suspended code with a contract of the enterprise notifies it: its inbox is walked too.
    const ids = world.ids;
    const code = await as(world.official)
      .post('/api/v1/growing-areas', growingAreaBody(world.codes.next(), { cooperativeId: ids.cooperative }))
      .expect(201);
    await as(world.official)
      .post(`/api/v1/growing-areas/${code.body.id}/status`, { to: 'active', reason: 'Cấp mã' })
      .expect(200);
    await as(world.official)
      .post(`/api/v1/growing-areas/${code.body.id}/plots`, { householdId: ids.household, areaHa: 1 })
      .expect(201);
    await as(world.enterpriseUser)
      .post('/api/v1/contracts', {
        ...bodies['POST /api/v1/contracts'](),
        sourceGrowingAreaIds: [code.body.id],
      })
      .expect(201);
    await as(world.official)
      .post(`/api/v1/growing-areas/${code.body.id}/status`, { to: 'suspended', reason: 'Vi phạm' })
      .expect(200);
    await app.get(OutboxRelay).drain();

    const routes = operations.filter(
      (op) => op.method === 'get' && op.roles.includes('enterprise') && !op.isPublic,
    );
    const walked: Record<string, number> = {};
    const leaks: string[] = [];
    const values = world.households.flatMap((h) => [h.nationalId, h.phone, h.headName]);
    for (const op of routes) {
      const url = fillPath(op.path, pathValues(world, op.path)) + (QUERIES[op.key] ?? '');
      const res = await request(app.getHttpServer())
        .get(url)
        .auth(world.enterpriseUser.token, { type: 'bearer' })
        .buffer(true)
        .parse(binary);
      walked[op.key] = res.status;
      const text = (res.body as Buffer).toString('utf8');
      const isJson = /json/.test(res.headers['content-type'] ?? '');
      if (isJson) {
        const json = JSON.parse(text);
        for (const key of ['headName', 'nationalId', 'birthYear'])
          if (deepKeys(json).has(key)) leaks.push(`${op.key}: key ${key}`);
        for (const path of phoneOutsideBusinessRecords(json)) leaks.push(`${op.key}: ${path}`);
      }
      // Values too, whatever the format (the .xlsx exports are zipped: their cells are checked below).
      for (const v of values) if (text.includes(v)) leaks.push(`${op.key}: the value ${v}`);
    }
    expect(walked).toEqual(Object.fromEntries(Object.keys(walked).map((k) => [k, 200])));
    expect(routes.length).toBeGreaterThanOrEqual(30);
    console.log(`API3: ${routes.length} GET routes walked as an enterprise, no household personal data`);
    expect(leaks).toEqual([]);
    // Inside the enterprise's inbox and the model it partners in: both hold something to check.
    const inbox = await as(world.enterpriseUser).get('/api/v1/notifications?limit=200').expect(200);
    expect(inbox.body.items.some((n: { entityId: string }) => n.entityId === code.body.id)).toBe(true);
    const participants = await as(world.enterpriseUser)
      .get(`/api/v1/value-chains/${ids.valueChain}/households`)
      .expect(200);
    expect(participants.body.items.length).toBeGreaterThan(0);
  });

  it('the exports an enterprise may download hold no household personal data either', async () => {
    const ExcelJS = await import('exceljs');
    for (const url of ['/api/v1/exports/growing-areas.xlsx', '/api/v1/exports/contracts.xlsx']) {
      const res = await request(app.getHttpServer())
        .get(url)
        .auth(world.enterpriseUser.token, { type: 'bearer' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const cells: string[] = [];
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) => cells.push(...Array.from(row.values as unknown[], (v) => String(v ?? '')))),
      );
      const values = world.households.flatMap((h) => [h.nationalId, h.phone, h.headName]);
      expect({ url, leaked: cells.filter((c) => values.some((v) => c.includes(v))) }).toEqual({
        url,
        leaked: [],
      });
    }
  });
});

/**
 * `phone` keys outside cooperative and enterprise records (which carry a business phone, with a
 * tax code beside it): a household's phone would be one of them.
 */
function phoneOutsideBusinessRecords(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => phoneOutsideBusinessRecords(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = 'phone' in record && !('taxCode' in record) ? [`${path}.phone`] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([k, v]) => phoneOutsideBusinessRecords(v, `${path}.${k}`)),
  ];
}
