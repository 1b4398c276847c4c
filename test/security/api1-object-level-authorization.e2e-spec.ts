import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { growingAreaBody } from '../support/certificates';
import { signedIn } from '../support/fixtures';
import { ApiOperation, apiSurface, fillPath, isErrorBody } from './support/api-surface';
import { validBodies } from './support/bodies';
import { buildWorld, OUTSIDER_NAMES, pathValues, World } from './support/world';

/**
 * OWASP API1:2023 Broken Object Level Authorization. Every route with a path parameter (from the
 * OpenAPI document, so new routes are covered without editing this file) is called by each scoped
 * role that must not see the world's records: a cooperative of another cooperative, an enterprise
 * without links, an official and an inspector bound to another commune. The answer is 404 exactly
 * like a missing record (SPEC §1), or 403 when the role may not call the route at all, never a
 * 2xx and never a 500; writes change nothing. test/scoping.e2e-spec.ts has the household table
 * with the in-scope roles; this extends it to every module.
 */
type Outsider = (typeof OUTSIDER_NAMES)[number];

/** Records some outsiders may read by design (SPEC §1), each with why. Everything else is scoped. */
const VISIBLE_BY_DESIGN: Record<string, { to: readonly Outsider[]; reason: string }> = {
  'GET /api/v1/communes/{code}': { to: OUTSIDER_NAMES, reason: 'reference data: the province’s communes' },
  'GET /api/v1/products/{code}': { to: OUTSIDER_NAMES, reason: 'reference data: the value-chain products' },
  'GET /api/v1/enterprises/{id}': {
    to: OUTSIDER_NAMES,
    reason: 'enterprises are public business records (scopes.enterprises)',
  },
  'PATCH /api/v1/enterprises/{id}': {
    to: ['official of another commune'],
    reason: 'enterprises are province-wide records (communeCode optional) that officials manage',
  },
  'GET /api/v1/cooperatives/{id}': {
    to: ['enterprise without links'],
    reason: 'enterprises look up the cooperatives they may buy from (no personal data)',
  },
  ...Object.fromEntries(
    [
      'growing-areas/{id}',
      'growing-areas/{id}/inspections',
      'growing-areas/{id}/history',
      'packing-facilities/{id}',
      'packing-facilities/{id}/inspections',
      'packing-facilities/{id}/history',
      'packing-facilities/{id}/sources',
    ].map((p) => [
      `GET /api/v1/${p}`,
      { to: ['enterprise without links'], reason: 'enterprises read codes and facilities (SPEC §1)' },
    ]),
  ),
  ...Object.fromEntries(
    ['forecasts', 'harvests'].map((p) => [
      `GET /api/v1/growing-areas/{id}/${p}`,
      {
        to: ['enterprise without links'],
        reason: 'enterprises check supply: what each code forecasts and harvested',
      },
    ]),
  ),
  'GET /api/v1/growing-areas/{id}/plots': {
    to: ['enterprise without links'],
    reason: 'a plot is a household id and an area, no personal data (API3 walks it)',
  },
};

let app: INestApplication;
let world: World;
let routes: ApiOperation[];
let bodies: Awaited<ReturnType<typeof validBodies>>;
beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app);
  routes = (await apiSurface(app)).operations.filter((op) => op.pathParams.length > 0);
  bodies = await validBodies(app, world);
}, 120_000);
afterAll(() => app.close());

function call(token: string, op: ApiOperation, path: string) {
  const req = request(app.getHttpServer())[op.method](path).auth(token, { type: 'bearer' });
  const body = bodies[op.key];
  return body ? req.send(body()) : req;
}

/**
 * What admin sees of the main records: compared before and after the outsiders' writes (not the
 * enterprise, which an official of another commune edits by design).
 */
async function snapshot(): Promise<string[]> {
  const ids = world.ids;
  const paths = [
    `/api/v1/users/${ids.user}`,
    `/api/v1/cooperatives/${ids.cooperative}`,
    `/api/v1/cooperatives/${ids.cooperative}/members?limit=200`,
    `/api/v1/households/${ids.household}`,
    `/api/v1/households/${ids.household}/support`,
    `/api/v1/integrity/duplicates?householdId=${ids.household}&status=open`,
    `/api/v1/imports/${ids.importJob}`,
    `/api/v1/growing-areas/${ids.growingArea}`,
    `/api/v1/growing-areas/${ids.growingArea}/plots`,
    `/api/v1/growing-areas/${ids.growingArea}/forecasts`,
    `/api/v1/growing-areas/${ids.growingArea}/harvests`,
    `/api/v1/growing-areas/${ids.growingArea}/inspections`,
    `/api/v1/packing-facilities/${ids.facility}`,
    `/api/v1/packing-facilities/${ids.facility}/sources`,
    `/api/v1/contracts/${ids.contract}`,
    `/api/v1/value-chains/${ids.valueChain}`,
    `/api/v1/value-chains/${ids.valueChain}/households`,
    `/api/v1/webhooks`,
  ];
  const out: string[] = [];
  for (const path of paths) {
    const res = await signedIn(app, world.admin).get(path);
    out.push(`${path} ${res.status} ${JSON.stringify(res.body)}`);
  }
  return out;
}

it('in scope, the records are there: admin reads every parameterised GET route with 200', async () => {
  const answers: Record<string, number> = {};
  for (const op of routes.filter((r) => r.method === 'get')) {
    answers[op.key] = (
      await call(world.admin.token, op, fillPath(op.path, pathValues(world, op.path)))
    ).status;
  }
  expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 200])));
});

it('out of scope: 404 like a missing record (403 where the role may not call the route), never data, never a change', async () => {
  const before = await snapshot();
  const wrong: string[] = [];
  let checked = 0;
  for (const op of routes) {
    const path = fillPath(op.path, pathValues(world, op.path));
    for (const name of OUTSIDER_NAMES) {
      const user = world.outsiders[name];
      const role = name.split(' ')[0];
      const visible = VISIBLE_BY_DESIGN[op.key]?.to.includes(name);
      const expected = !op.roles.includes(role as never) ? 403 : visible ? 200 : 404;
      const res = await call(user.token, op, path);
      checked++;
      const shaped = expected === 200 || isErrorBody(res.body, res.status);
      if (res.status !== expected || !shaped) {
        wrong.push(
          `${op.key} as ${name}: ${res.status} (expected ${expected}) ${JSON.stringify(res.body).slice(0, 200)}`,
        );
        continue;
      }
      // Out of scope reads exactly like missing: the same answer for an id that exists nowhere.
      if (expected === 404 && op.method === 'get') {
        const ghost = randomUUID();
        const missing = await call(
          user.token,
          op,
          path.split(pathValues(world, op.path).id ?? '\0').join(ghost),
        );
        const same = JSON.stringify(missing.body).split(ghost).join('<id>');
        const scoped = JSON.stringify(res.body)
          .split(pathValues(world, op.path).id ?? '\0')
          .join('<id>');
        if (missing.status !== 404 || same !== scoped)
          wrong.push(`${op.key} as ${name}: ${scoped} ≠ missing ${same}`);
      }
    }
  }
  console.log(
    `API1: ${checked} (route, role) pairs checked over ${routes.length} routes with path parameters`,
  );
  expect(wrong).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

it('ids inside bodies are scoped too: cooperative B cannot attach cooperative A’s household to its own records', async () => {
  const outsider = world.outsiders['cooperative B'];
  const me = (await signedIn(app, outsider).get('/api/v1/auth/me').expect(200)).body as {
    cooperativeId: string;
  };
  const area = await signedIn(app, world.official)
    .post('/api/v1/growing-areas', growingAreaBody(world.codes.next(), { cooperativeId: me.cooperativeId }))
    .expect(201);
  const chain = await signedIn(app, outsider)
    .post('/api/v1/value-chains', {
      ...bodies['POST /api/v1/value-chains'](),
      leadCooperativeId: me.cooperativeId,
    })
    .expect(201);
  const theirs = world.ids.household;
  const attempts: Array<[string, string, object]> = [
    ['plot', `/api/v1/growing-areas/${area.body.id}/plots`, { householdId: theirs, areaHa: 0.5 }],
    ['participant', `/api/v1/value-chains/${chain.body.id}/households`, { householdId: theirs, areaHa: 0.5 }],
    ['member', `/api/v1/cooperatives/${me.cooperativeId}/members`, { householdId: theirs }],
  ];
  const answers: Record<string, number> = {};
  for (const [name, path, body] of attempts) {
    const res = await signedIn(app, outsider).post(path, body);
    answers[name] = res.status;
    expect(isErrorBody(res.body, res.status)).toBe(true);
  }
  expect(answers).toEqual({ plot: 404, participant: 404, member: 404 });
});

it('keeps its allow-list honest: every route in it exists and has a path parameter', () => {
  const keys = new Set(routes.map((r) => r.key));
  expect(Object.keys(VISIBLE_BY_DESIGN).filter((k) => !keys.has(k))).toEqual([]);
});
