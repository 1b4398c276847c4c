import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ROLES, type Role } from '../../src/auth/role';
import { createTestApp } from '../support/app';
import { Fixtures, TestUser } from '../support/fixtures';
import { ApiOperation, apiSurface, fillPath, isErrorBody } from './support/api-surface';
import { buildWorld, pathValues, World } from './support/world';

/**
 * OWASP API5:2023 Broken Function Level Authorization. Every route whose handler names roles
 * (@Roles, read from the same metadata the AccessGuard reads) is called by every other role: 403
 * in the error shape, before the body is even validated. The routes open to every signed-in role
 * and the public ones are listed here, so a route added without @Roles shows up as a failure.
 */
let app: INestApplication;
let world: World;
let operations: ApiOperation[];
const users = {} as Record<Role, TestUser>;
beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app);
  operations = (await apiSurface(app)).operations;
  const fx = new Fixtures(app);
  for (const role of ROLES) users[role] = await fx.user(role);
}, 120_000);
afterAll(() => app.close());

/** Needs a token but no particular role: reads scoped in the query, and the caller's own things. */
const OPEN_TO_EVERY_ROLE = [
  'GET /api/v1/auth/me',
  'GET /api/v1/communes',
  'GET /api/v1/communes/{code}',
  'GET /api/v1/ethnicities',
  'GET /api/v1/products',
  'GET /api/v1/products/{code}',
  'GET /api/v1/cooperatives',
  'GET /api/v1/cooperatives/{id}',
  'GET /api/v1/enterprises',
  'GET /api/v1/enterprises/{id}',
  'GET /api/v1/exports/growing-areas.xlsx',
  'GET /api/v1/exports/contracts.xlsx',
  'GET /api/v1/growing-areas',
  'GET /api/v1/growing-areas/{id}',
  'GET /api/v1/growing-areas/{id}/inspections',
  'GET /api/v1/growing-areas/{id}/history',
  'GET /api/v1/growing-areas/{id}/plots',
  'GET /api/v1/growing-areas/{id}/forecasts',
  'GET /api/v1/growing-areas/{id}/harvests',
  'GET /api/v1/contracts',
  'GET /api/v1/contracts/{id}',
  'GET /api/v1/packing-facilities',
  'GET /api/v1/packing-facilities/{id}',
  'GET /api/v1/packing-facilities/{id}/inspections',
  'GET /api/v1/packing-facilities/{id}/history',
  'GET /api/v1/packing-facilities/{id}/sources',
  'GET /api/v1/value-chains',
  'GET /api/v1/value-chains/{id}',
  'GET /api/v1/value-chains/{id}/households',
  'GET /api/v1/value-chains/{id}/disbursements',
  'GET /api/v1/supply',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read-all',
  'POST /api/v1/notifications/{id}/read',
  'GET /api/v1/notification-preferences',
  'PUT /api/v1/notification-preferences',
  'GET /api/v1/reports/overview',
];
/** The guard lets every role through and the service decides (the model's lead, or officials). */
const DECIDED_IN_SERVICE = ['POST /api/v1/value-chains/{id}/transitions'];
/** No access token: the sign-in, the refresh and the logout (the refresh token is their credential), the ping and the health check. */
const PUBLIC = [
  'GET /api/v1',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /health',
];

it('every route is public, open to every signed-in role, or names its roles, as listed here', () => {
  const publicRoutes = operations.filter((op) => op.isPublic).map((op) => op.key);
  const open = operations.filter((op) => !op.isPublic && !op.restricted).map((op) => op.key);
  expect(publicRoutes.sort()).toEqual([...PUBLIC].sort());
  expect(open.sort()).toEqual([...OPEN_TO_EVERY_ROLE, ...DECIDED_IN_SERVICE].sort());
});

it('a value-chain transition is for the lead or officials: an inspector, who reads the model, gets 403', async () => {
  const path = `/api/v1/value-chains/${world.ids.valueChain}/transitions`;
  await request(app.getHttpServer())
    .get(path.replace('/transitions', ''))
    .auth(users.inspector.token, { type: 'bearer' })
    .expect(200);
  const res = await request(app.getHttpServer())
    .post(path)
    .auth(users.inspector.token, { type: 'bearer' })
    .send({ to: 'submitted' })
    .expect(403);
  expect(isErrorBody(res.body, 403)).toBe(true);
});

it('every role a route does not name gets 403 in the error shape', async () => {
  const restricted = operations.filter((op) => op.restricted && !op.isPublic);
  const wrong: string[] = [];
  let checked = 0;
  for (const op of restricted) {
    const path = fillPath(op.path, pathValues(world, op.path));
    for (const role of ROLES.filter((r) => !op.roles.includes(r))) {
      // An empty body: the guard answers before validation, so even a well-formed body would not matter.
      const res = await request(app.getHttpServer())
        [op.method](path)
        .auth(users[role].token, { type: 'bearer' })
        .send({});
      checked++;
      if (res.status !== 403 || !isErrorBody(res.body, 403) || !/roles: /.test(res.body.message)) {
        wrong.push(`${op.key} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    }
  }
  console.log(
    `API5: ${checked} (route, role) pairs refused over ${restricted.length} role-restricted routes`,
  );
  expect(wrong).toEqual([]);
  // The admin-only routes of SPEC §1 (users, webhooks, scans) are among them.
  const adminOnly = restricted.filter((op) => op.roles.join() === 'admin').map((op) => op.key);
  expect(adminOnly).toEqual(
    expect.arrayContaining([
      'POST /api/v1/users',
      'PATCH /api/v1/users/{id}',
      'POST /api/v1/webhooks',
      'POST /api/v1/scans',
    ]),
  );
});

it('a role allowed by the route gets past the guard (not 403) with the same empty body', async () => {
  // The other half of the check: the guard does not refuse everyone. An empty body is a 400 (or the
  // route needs none); a commune, product or record of the world answers normally.
  const sample = [
    ['official', 'POST /api/v1/growing-areas'],
    ['inspector', 'POST /api/v1/growing-areas/{id}/inspections'],
    ['cooperative', 'POST /api/v1/households'],
    ['enterprise', 'POST /api/v1/contracts'],
    ['admin', 'POST /api/v1/webhooks'],
  ] as const;
  for (const [role, key] of sample) {
    const op = operations.find((o) => o.key === key)!;
    const res = await request(app.getHttpServer())
      [op.method](fillPath(op.path, pathValues(world, op.path)))
      .auth(users[role].token, { type: 'bearer' })
      .send({});
    expect({ key, role, status: res.status }).toEqual({ key, role, status: 400 });
  }
});
