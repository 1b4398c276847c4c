import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '../src/auth/role';
import { createTestApp } from './support/app';
import { Fixtures, TestUser, unique, uniqueTaxCode } from './support/fixtures';
import { householdBody } from './support/households';

/**
 * SPEC §1 scoping, table-driven: every role against every household-related route, for a
 * household of cooperative A in commune 06427. Out of scope answers 404 (never the record);
 * a role without the right answers 403.
 */
let app: INestApplication;
let fx: Fixtures;
const users: Record<string, TestUser> = {};
let householdId: string;
let cooperativeA: string;
/** Unique, so the list check finds it on the first page whatever else the shared database holds. */
const headName = `Triệu Thị Phạm ${unique()}`;

beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  const coopA = await fx.cooperative({ communeCode: '06427' });
  const coopB = await fx.cooperative({ communeCode: '06427' });
  cooperativeA = coopA.id;
  const specs: Array<[string, Role, object]> = [
    ['admin', 'admin', {}],
    ['province official', 'official', {}],
    ['commune official (same)', 'official', { communeCode: '06427' }],
    ['commune official (other)', 'official', { communeCode: '06463' }],
    ['inspector', 'inspector', {}],
    ['cooperative A', 'cooperative', { cooperativeId: coopA.id }],
    ['cooperative B', 'cooperative', { cooperativeId: coopB.id }],
    ['enterprise', 'enterprise', {}],
  ];
  for (const [name, role, bindings] of specs) users[name] = await fx.user(role, bindings);
  const created = await call(
    users['cooperative A'],
    'post',
    '/api/v1/households',
    householdBody({ headName, gender: 'female' }),
  ).expect(201);
  householdId = created.body.id;
});
afterAll(() => app.close());

function call(user: TestUser, method: 'get' | 'post' | 'patch' | 'delete', url: string, body?: object) {
  const req = request(app.getHttpServer())[method](url).auth(user.token, { type: 'bearer' });
  return body ? req.send(body) : req;
}

const routes = () => ({
  'GET /households/:id': ['get', `/api/v1/households/${householdId}`],
  'GET /households/:id/support': ['get', `/api/v1/households/${householdId}/support`],
  'PATCH /households/:id (stale version)': ['patch', `/api/v1/households/${householdId}`, { version: 999 }],
  'GET /cooperatives/:id/members': ['get', `/api/v1/cooperatives/${cooperativeA}/members`],
  'GET /cooperatives/:id': ['get', `/api/v1/cooperatives/${cooperativeA}`],
});

// Expected status per route, in the order of routes(): 409 on the PATCH means "in scope, version stale".
const expected: Record<string, number[]> = {
  admin: [200, 200, 409, 200, 200],
  'province official': [200, 200, 409, 200, 200],
  'commune official (same)': [200, 200, 409, 200, 200],
  'commune official (other)': [404, 404, 404, 404, 404],
  inspector: [403, 403, 403, 403, 200],
  'cooperative A': [200, 200, 409, 200, 200],
  'cooperative B': [404, 404, 404, 404, 404],
  enterprise: [403, 403, 403, 403, 200],
};

describe.each(Object.keys(expected))('%s', (name) => {
  it('gets the expected status from every route', async () => {
    const statuses: number[] = [];
    for (const [method, url, body] of Object.values(routes()) as Array<['get' | 'patch', string, object?]>) {
      statuses.push((await call(users[name], method, url, body)).status);
    }
    expect(Object.fromEntries(Object.keys(routes()).map((r, i) => [r, statuses[i]]))).toEqual(
      Object.fromEntries(Object.keys(routes()).map((r, i) => [r, expected[name][i]])),
    );
  });

  it('sees the household in lists only when in scope', async () => {
    const res = await call(users[name], 'get', `/api/v1/households?search=${encodeURIComponent(headName)}`);
    if (res.status === 403) return expect(['inspector', 'enterprise']).toContain(name);
    const visible = res.body.items.some((h: { id: string }) => h.id === householdId);
    expect(visible).toBe(expected[name][0] === 200);
  });
});

it("reads the household's audit trail only where the household is in scope", async () => {
  const trail = async (name: string, query: string) => {
    const res = await call(users[name], 'get', `/api/v1/audit?${query}`).expect(200);
    return res.body as { items: Array<{ entityId: string; actorId: string | null }>; total: number };
  };
  const ofHousehold = `entity=household&entityId=${householdId}`;
  for (const name of ['admin', 'province official', 'commune official (same)'])
    expect((await trail(name, ofHousehold)).items.map((e) => e.entityId)).toContain(householdId);
  expect(await trail('commune official (other)', ofHousehold)).toMatchObject({ items: [], total: 0 });
  // Whatever else the audit log holds, another commune's official reads none of it but their own acts.
  const other = users['commune official (other)'];
  await call(other, 'post', '/api/v1/cooperatives', {
    name: `Hợp tác xã Bản Khác ${unique()}`,
    taxCode: uniqueTaxCode(),
    communeCode: '06463',
  }).expect(201);
  const seen = await trail('commune official (other)', 'limit=100');
  expect(seen.items.some((e) => e.actorId === other.id)).toBe(true);
  expect(seen.items.every((e) => e.entityId !== householdId)).toBe(true);
  for (const name of ['inspector', 'cooperative A', 'enterprise'])
    await call(users[name], 'get', '/api/v1/audit').expect(403);
});

it('never sends household personal data to an enterprise, on any route it may read', async () => {
  const enterprise = users.enterprise;
  const readable = [
    '/api/v1/cooperatives',
    `/api/v1/cooperatives/${cooperativeA}`,
    '/api/v1/enterprises',
    '/api/v1/communes',
    '/api/v1/products',
    '/api/v1/ethnicities',
    '/api/v1/auth/me',
  ];
  for (const url of readable) {
    const res = await call(enterprise, 'get', url).expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/"(headName|nationalId|birthYear)"/);
  }
  for (const url of [
    '/api/v1/households',
    '/api/v1/support',
    '/api/v1/integrity/duplicates',
    '/api/v1/exports/households.xlsx',
  ]) {
    await call(enterprise, 'get', url).expect(403);
  }
});
