import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';

let app: INestApplication;
beforeAll(async () => (app = await createTestApp()));
afterAll(() => app.close());

const api = () => request(app.getHttpServer());

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: Array<{ name: string; in: string; schema: Schema }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

const operations = (doc: OpenApi): Array<[string, string, Operation]> =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, string, Operation] => [method, path, op]),
  );

describe('GET /health', () => {
  it('answers 200 at the root without a token, with the database up', async () => {
    const res = await api().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('is not served under /api/v1', async () => {
    const res = await api().get('/api/v1/health').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe('GET /api/v1', () => {
  it('answers the ping without a token', async () => {
    const res = await api().get('/api/v1').expect(200);
    expect(res.body).toEqual({ name: 'lienket', api: 'v1' });
  });
});

describe('OpenAPI', () => {
  let doc: OpenApi;
  beforeAll(async () => {
    const res = await api().get('/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/json/);
    doc = res.body;
  });

  it('is served at /docs-json without a token and documents the v1 paths', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/me',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/communes',
        '/api/v1/communes/{code}',
        '/api/v1/ethnicities',
        '/api/v1/products',
        '/api/v1/products/{code}',
        '/api/v1/audit',
        '/health',
      ]),
    );
    const outsidePrefix = Object.keys(doc.paths).filter((p) => p !== '/api/v1' && !p.startsWith('/api/v1/'));
    expect(outsidePrefix).toEqual(['/health']);
    expect(Object.keys(doc.paths['/api/v1/users']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/users/{id}']).sort()).toEqual(['get', 'patch']);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });

  it('documents every request body with a schema that has properties', () => {
    const bodies = operations(doc)
      .filter(([, , op]) => op.requestBody)
      .map(([method, path, op]) => {
        const content = op.requestBody!.content;
        const schema = (content['application/json'] ?? content['multipart/form-data'])?.schema;
        const ref = schema?.$ref ?? '';
        // A multipart upload describes its form inline; JSON bodies name a DTO schema.
        const name = ref ? ref.replace('#/components/schemas/', '') : schema?.properties ? '(inline)' : '';
        const properties = ref ? doc.components.schemas[name]?.properties : schema?.properties;
        return { operation: `${method} ${path}`, name, properties: Object.keys(properties ?? {}) };
      });
    expect(bodies.map((b) => b.operation)).toEqual(
      expect.arrayContaining([
        'post /api/v1/auth/login',
        'post /api/v1/users',
        'patch /api/v1/users/{id}',
        'post /api/v1/products',
      ]),
    );
    expect(bodies.filter((b) => !b.name || b.properties.length === 0)).toEqual([]);
    const update = bodies.find((b) => b.operation === 'patch /api/v1/users/{id}')!;
    expect(update.properties).toEqual(
      expect.arrayContaining(['fullName', 'role', 'password', 'active', 'version']),
    );
    expect(update.properties).not.toContain('username');
  });

  it('has no empty schema among its components', () => {
    const empty = Object.entries(doc.components.schemas)
      .filter(([, schema]) => schema.type === 'object' && Object.keys(schema.properties ?? {}).length === 0)
      .map(([name]) => name);
    expect(empty).toEqual([]);
    const dtos = Object.keys(doc.components.schemas).filter((name) => /Dto$/.test(name));
    expect(dtos).toEqual(
      expect.arrayContaining(['LoginDto', 'CreateUserDto', 'UpdateUserDto', 'CreateProductDto']),
    );
  });

  it('documents the paging parameters of every list as integers', () => {
    const lists = operations(doc).filter(
      ([method, , op]) => method === 'get' && op.parameters?.some((p) => p.name === 'limit'),
    );
    expect(lists.map(([, path]) => path)).toEqual(
      expect.arrayContaining([
        '/api/v1/users',
        '/api/v1/communes',
        '/api/v1/products',
        '/api/v1/audit',
        '/api/v1/ethnicities',
      ]),
    );
    for (const [, path, op] of lists) {
      for (const name of ['page', 'limit']) {
        const param = op.parameters!.find((p) => p.name === name);
        expect({ path, name, in: param?.in, type: param?.schema.type }).toEqual({
          path,
          name,
          in: 'query',
          type: 'integer',
        });
      }
    }
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI page without a token', async () => {
    const res = await api().get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Swagger UI');
  });
});
