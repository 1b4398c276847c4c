import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { Fixtures } from '../support/fixtures';
import { apiSurface, isErrorBody } from './support/api-surface';

/**
 * OWASP API9:2023 Improper Inventory Management. One API version, /api/v1, and its inventory is
 * the OpenAPI document Nest builds from the same controllers (test/ops.e2e-spec.ts checks what it
 * documents). Here: every route the HTTP router answers under /api/v1 is in the document and the
 * other way round (no undocumented "shadow" route), no other version or prefix answers, and what
 * lives outside /api/v1 is the health check, the documentation and the pages (under the internal
 * /_web mount; cookie sessions with CSRF, test/web-frame.e2e-spec.ts). No older deployment or
 * debug endpoint exists to retire.
 */
let app: INestApplication;
beforeAll(async () => (app = await createTestApp()));
afterAll(() => app.close());

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `GET /api/v1/households/:id` for every route the Express router holds. */
function routerRoutes(): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterLayer[] };
    _router?: { stack: RouterLayer[] };
  };
  const stack = (express.router ?? express._router)!.stack;
  return stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
  );
}

it('the router’s /api/v1 routes and the OpenAPI document list the same operations', async () => {
  const { operations } = await apiSurface(app);
  const documented = operations
    .map((op) => op.key.replace(/\{(\w+)\}/g, ':$1'))
    .filter((k) => / \/api\/v1/.test(k));
  const served = routerRoutes().filter((r) => / \/api\/v1(\/|$)/.test(r));
  expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  console.log(`API9: ${served.length} routes under /api/v1, each in the OpenAPI document`);
});

it('outside /api/v1 the router holds only the health check, the documentation and the pages', () => {
  const outside = routerRoutes().filter((r) => !/ \/api\/v1(\/|$)/.test(r));
  expect(outside.filter((r) => !/ \/(health|docs|docs-json|docs-yaml|_web)(\/|$)/.test(r))).toEqual([]);
});

it('no other version or prefix answers', async () => {
  const admin = await new Fixtures(app).user('admin');
  for (const path of [
    '/api/v2/households',
    '/api/v0/households',
    '/api/households',
    '/v1/households',
    '/households.json',
    '/api/v1/../v2/users',
  ]) {
    const res = await request(app.getHttpServer())
      .get(path)
      .auth(admin.token, { type: 'bearer' })
      .redirects(0);
    expect({ path, ok: isErrorBody(res.body, 404) || [301, 302, 303].includes(res.status) }).toEqual({
      path,
      ok: true,
    });
  }
});
