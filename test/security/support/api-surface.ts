import { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import request from 'supertest';
import { ROLES, type Role } from '../../../src/auth/role';
import { PUBLIC_KEY, ROLES_KEY } from '../../../src/auth/roles.decorator';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** One route as the OpenAPI document lists it, with the @Roles/@Public metadata of its handler. */
export interface ApiOperation {
  /** `GET /api/v1/households/{id}` */
  key: string;
  method: Method;
  path: string;
  operationId: string;
  pathParams: string[];
  queryParams: string[];
  /** The JSON body's schema (resolved), when the route takes a JSON body. */
  jsonBody: JsonSchema | null;
  multipart: boolean;
  /** Roles the guard lets through; every role when the handler names none. */
  roles: Role[];
  /** @Roles names a subset of the roles. */
  restricted: boolean;
  isPublic: boolean;
}

/**
 * Every route of the OpenAPI document (GET /docs-json, which Nest builds from the router), with
 * the roles its handler allows read from the same metadata the AccessGuard reads: a route added
 * later is covered by the security specs without editing them.
 */
export async function apiSurface(
  app: INestApplication,
): Promise<{ doc: OpenApiDocument; operations: ApiOperation[] }> {
  const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as OpenApiDocument;
  const controllers = new Map<string, { new (...args: never[]): unknown }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { new (...args: never[]): unknown } | null;
      if (type) controllers.set(type.name, type);
    }
  }
  const reflector = new Reflector();
  const operations: ApiOperation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod) as Array<[Method, OpenApiOperation]>) {
      const [controllerName, handlerName] = op.operationId.split('_');
      const controller = controllers.get(controllerName);
      const handler = (controller?.prototype as Record<string, unknown> | undefined)?.[handlerName];
      if (!controller || typeof handler !== 'function') {
        throw new Error(`${method} ${path}: no handler ${op.operationId} in the router`);
      }
      const targets = [handler as () => unknown, controller];
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      const json = op.requestBody?.content['application/json']?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operationId: op.operationId,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        jsonBody: json ? resolve(doc, json) : null,
        multipart: Boolean(op.requestBody?.content['multipart/form-data']),
        roles: roles ?? [...ROLES],
        restricted: Boolean(roles && roles.length < ROLES.length),
        isPublic: Boolean(reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)),
      });
    }
  }
  return { doc, operations };
}

/** A schema with its `$ref`s and single-member `allOf`s replaced by what they point at (one level per call). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (schema.$ref)
    return resolve(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** `/api/v1/households/{id}` with the given values put in. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}

/** Every key anywhere in a JSON value (objects inside arrays inside objects…). */
export function deepKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => deepKeys(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      deepKeys(v, into);
    }
  }
  return into;
}

/** The one error shape of SPEC §5 (and no stack trace in it). */
export function isErrorBody(body: unknown, status: number): boolean {
  const b = body as { statusCode?: unknown; error?: unknown; message?: unknown };
  return (
    Boolean(b) &&
    b.statusCode === status &&
    typeof b.error === 'string' &&
    typeof b.message === 'string' &&
    !/\n\s+at /.test(JSON.stringify(body))
  );
}
