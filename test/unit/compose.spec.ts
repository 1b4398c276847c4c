import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { validateEnv } from '../../src/config/env';

/**
 * docker/ cannot be built here (no Docker engine), so this checks what can be checked statically:
 * compose.yml parses and wires the stack as SPEC §6 asks, the Dockerfile is multi-stage and
 * non-root, and the environment compose gives the app passes the app's own production validation.
 */

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

type Healthcheck = { test?: string | string[]; disable?: boolean; start_period?: string };
type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: string[];
  healthcheck?: Healthcheck;
  volumes?: string[];
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function loadCompose(): { raw: string; compose: ComposeFile } {
  const raw = read('docker/compose.yml');
  const doc = parseDocument(raw);
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return { raw, compose: doc.toJS() as ComposeFile };
}

/** Compose variable interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, name?: string, op?: string, arg?: string, bare?: string): string => {
      if (match === '$$') return '$';
      if (bare) return vars[bare] ?? '';
      const key = name as string;
      const set = key in vars;
      const filled = set && vars[key] !== '';
      switch (op) {
        case undefined:
          return vars[key] ?? '';
        case ':-':
          return filled ? vars[key] : (arg ?? '');
        case '-':
          return set ? vars[key] : (arg ?? '');
        case ':?':
          if (!filled) throw new Error(`required variable ${key} is missing a value: ${arg}`);
          return vars[key];
        case '?':
          if (!set) throw new Error(`required variable ${key} is missing a value: ${arg}`);
          return vars[key];
        case ':+':
          return filled ? (arg ?? '') : '';
        default:
          return set ? (arg ?? '') : '';
      }
    },
  );
}

function interpolateAll<T>(node: T, vars: Record<string, string>): T {
  if (typeof node === 'string') return interpolate(node, vars) as T;
  if (Array.isArray(node)) return node.map((item: unknown) => interpolateAll(item, vars)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, vars)])) as T;
  }
  return node;
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    env.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

const commandText = (command: string | string[] | undefined): string =>
  Array.isArray(command) ? command.join(' ') : (command ?? '');

/** Variables referenced as ${NAME...} anywhere in the compose file (the $$ escapes excluded). */
function referencedVariables(raw: string): { all: Set<string>; required: Set<string> } {
  const all = new Set<string>();
  const required = new Set<string>();
  for (const m of raw.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?/g)) {
    all.add(m[1]);
    if (m[2]?.endsWith('?')) required.add(m[1]);
  }
  return { all, required };
}

function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2].trim();
  }
  return vars;
}

/** Values an operator would put into docker/.env. */
const filledIn = (example: Record<string, string>): Record<string, string> => ({
  ...example,
  MYSQL_PASSWORD: 'Zq3-kX9_pL2.vR7~tY4',
  MYSQL_ROOT_PASSWORD: 'another-root-secret',
  JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
  ADMIN_PASSWORD: 'bootstrap-admin-password',
});

type Instruction = { keyword: string; args: string };

/** Dockerfile instructions (continuations joined, comments and parser directives dropped), split by FROM. */
function dockerfileStages(text: string): Instruction[][] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const at = line.search(/\s/);
    const keyword = (at < 0 ? line : line.slice(0, at)).toUpperCase();
    const args = at < 0 ? '' : line.slice(at).trim();
    if (keyword === 'FROM') stages.push([]);
    if (stages.length) stages[stages.length - 1].push({ keyword, args });
    else if (keyword !== 'ARG') throw new Error(`instruction before the first FROM: ${line}`);
  }
  return stages;
}

describe('docker/compose.yml', () => {
  const { raw, compose } = loadCompose();
  const services = compose.services;
  const example = parseDotEnv(read('docker/.env.example'));

  it('defines mysql, redis, api and worker', () => {
    expect(Object.keys(services ?? {}).sort()).toEqual(['api', 'mysql', 'redis', 'worker']);
  });

  it('runs MySQL 8 with utf8mb4 server defaults on a named volume', () => {
    const mysql = services.mysql;
    expect(mysql.image).toMatch(/^mysql:8(\.\d+)*$/);
    expect(commandText(mysql.command)).toContain('--character-set-server=utf8mb4');
    expect(commandText(mysql.command)).toContain('--collation-server=utf8mb4_unicode_ci');
    // Migrations create triggers as the app user while the binary log is on.
    expect(commandText(mysql.command)).toContain('--log-bin-trust-function-creators=ON');
    const volume = (mysql.volumes ?? []).find((v) => v.endsWith(':/var/lib/mysql'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
  });

  it('runs Redis 7 with noeviction (BullMQ) and append-only persistence on a named volume', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7(\.\d+)*(-\w+)?$/);
    expect(commandText(redis.command)).toMatch(/--maxmemory-policy[ =]noeviction\b/);
    expect(commandText(redis.command)).toMatch(/--appendonly[ =]yes\b/);
    const volume = (redis.volumes ?? []).find((v) => v.endsWith(':/data'));
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
  });

  it('health-checks mysql (mysqladmin ping), redis (redis-cli ping) and the api (/health)', () => {
    expect(commandText(services.mysql.healthcheck?.test)).toContain('mysqladmin ping');
    expect(commandText(services.redis.healthcheck?.test)).toContain('redis-cli ping');
    expect(commandText(services.api.healthcheck?.test)).toMatch(/127\.0\.0\.1:.*\/health/);
    for (const name of ['mysql', 'redis', 'api']) expect(services[name].healthcheck?.disable).not.toBe(true);
  });

  it('disables the image health check on the worker, which serves no HTTP', () => {
    expect(services.worker.healthcheck?.disable).toBe(true);
    expect(services.worker.ports ?? []).toEqual([]);
  });

  it('starts the api after healthy mysql and redis, and the worker after a healthy (migrated) api', () => {
    const conditions = (service: Service): Record<string, string | undefined> => {
      const deps = service.depends_on;
      if (!deps || Array.isArray(deps)) return Object.fromEntries((deps ?? []).map((d) => [d, undefined]));
      return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v?.condition]));
    };
    expect(conditions(services.api)).toEqual({ mysql: 'service_healthy', redis: 'service_healthy' });
    const worker = conditions(services.worker);
    expect(worker.api).toBe('service_healthy');
    for (const condition of Object.values(worker)) expect(condition).toBe('service_healthy');
  });

  it('builds api and worker from docker/Dockerfile with the repository root as context, as one image', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
    expect(services.worker.image).toBe(services.api.image);
    // context is relative to docker/, dockerfile to the context.
    expect(existsSync(join(root, 'docker', '..', 'docker', 'Dockerfile'))).toBe(true);
  });

  it('runs the API by default and the worker entry in the worker, publishing only the API port', () => {
    expect(services.api.command).toBeUndefined();
    expect(services.worker.command).toEqual(['node', 'dist/src/worker.js']);
    expect(existsSync(join(root, 'src', 'worker.ts'))).toBe(true);
    expect((services.api.ports ?? []).map((p) => interpolate(p, {}))).toEqual(['3000:3000']);
    for (const name of ['mysql', 'redis']) expect(services[name].ports).toBeUndefined();
  });

  it('points the api at MySQL on host `mysql` and Redis on host `redis`', () => {
    const env = interpolateAll(environmentOf(services.api), filledIn(example));
    const db = new URL(env.DATABASE_URL);
    expect(db.protocol).toBe('mysql:');
    expect(db.hostname).toBe('mysql');
    expect(db.port).toBe('3306');
    expect(db.pathname).toBe(`/${example.MYSQL_DATABASE}`);
    expect(decodeURIComponent(db.username)).toBe(example.MYSQL_USER);
    expect(decodeURIComponent(db.password)).toBe(filledIn(example).MYSQL_PASSWORD);
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    // The same credentials create the database user in the mysql service.
    const mysqlEnv = interpolateAll(environmentOf(services.mysql), filledIn(example));
    expect(mysqlEnv.MYSQL_USER).toBe(example.MYSQL_USER);
    expect(mysqlEnv.MYSQL_DATABASE).toBe(example.MYSQL_DATABASE);
  });

  it('gives api and worker an environment that passes the production validation of src/config/env.ts', () => {
    for (const name of ['api', 'worker']) {
      const env = interpolateAll(environmentOf(services[name]), filledIn(example));
      expect(env.NODE_ENV).toBe('production');
      const validated = validateEnv(env);
      expect(validated.DATABASE_URL).toMatch(/^mysql:\/\//);
      expect(validated.REDIS_URL).toBe('redis://redis:6379');
      expect(validated.PORT).toBe(3000);
      expect(validated.SEED_DEMO).toBe(false);
    }
  });

  it('refuses to start without the secrets instead of falling back to defaults', () => {
    const { required } = referencedVariables(raw);
    expect([...required].sort()).toEqual(['JWT_SECRET', 'MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD']);
    for (const name of required) {
      const vars = { ...filledIn(example), [name]: '' };
      expect(() => interpolateAll(compose, vars)).toThrow(name);
    }
  });

  it('documents every variable it reads in docker/.env.example, with the secrets left blank', () => {
    const { all, required } = referencedVariables(raw);
    for (const name of all) expect(Object.keys(example)).toContain(name);
    for (const name of required) expect(example[name]).toBe('');
  });
});

describe('docker/Dockerfile', () => {
  const text = read('docker/Dockerfile');
  const stages = dockerfileStages(text);
  const final = stages[stages.length - 1] ?? [];
  const builders = stages.slice(0, -1).flat();
  const finalOf = (keyword: string): Instruction[] => final.filter((i) => i.keyword === keyword);

  it('is a multi-stage build on node:20 bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/node:20[\w.-]*-bookworm-slim/);
  });

  it('installs build tools and npm 11, builds and prunes dev dependencies in a build stage', () => {
    const runs = builders.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.join('\n')).toMatch(/apt-get install[^\n]*\bpython3\b[^\n]*\bmake\b[^\n]*\bg\+\+/);
    expect(runs.join('\n')).toMatch(/npm install -g "?npm@(11|\$\{NPM_VERSION\})/);
    expect(text).toMatch(/ARG NPM_VERSION=11\./);
    expect(runs.join('\n')).toMatch(/\bnpm (ci|install)\b/);
    expect(runs.join('\n')).toMatch(/npm run build/);
    expect(runs.join('\n')).toMatch(/npm prune --omit=dev/);
  });

  it('copies only dist, production node_modules and package.json into the final stage', () => {
    const copies = finalOf('COPY').map((i) => i.args);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).toMatch(/^--from=\S+\s/);
    const sources = copies.map((c) => c.split(/\s+/)[1]).sort();
    expect(sources).toEqual(['/app/dist', '/app/node_modules', '/app/package.json']);
  });

  it('neither installs dependencies nor build tools in the final stage', () => {
    const runs = finalOf('RUN').map((i) => i.args);
    for (const run of runs) {
      expect(run).not.toMatch(/\b(npm|yarn|pnpm)\s+(install|i|ci|add)\b/);
      expect(run).not.toMatch(/apt-get|apk add|\bg\+\+|python3/);
    }
  });

  it('runs as a non-root user with NODE_ENV=production', () => {
    const users = finalOf('USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    expect(
      finalOf('ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bNODE_ENV=production\b/);
  });

  it('gives Node the young generation npm run start:prod gives it', () => {
    const flag = '--max-semi-space-size=64';
    expect(
      finalOf('ENV')
        .map((i) => i.args)
        .join(' '),
    ).toContain(`NODE_OPTIONS=${flag}`);
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    for (const name of ['start', 'start:prod', 'start:worker']) expect(scripts[name]).toContain(flag);
  });

  it('exposes 3000, health-checks /health with node and starts the API', () => {
    expect(finalOf('EXPOSE').map((i) => i.args)).toContain('3000');
    const healthcheck = finalOf('HEALTHCHECK').map((i) => i.args);
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/CMD \["node", "-e", .*\/health/);
    expect(healthcheck[0]).not.toMatch(/curl|wget/);
    expect(finalOf('CMD').map((i) => i.args)).toEqual(['["node", "dist/src/main.js"]']);
    expect(existsSync(join(root, 'src', 'main.ts'))).toBe(true);
  });

  it('copies build inputs that exist and that .dockerignore keeps in the context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim().replace(/\/$/, ''))
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', 'data', '.git', 'coverage'])
      expect(ignored).toContain(entry);
    const inputs = builders
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(inputs).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'libs']));
    for (const input of inputs) {
      expect(existsSync(join(root, input))).toBe(true);
      expect(ignored).not.toContain(input);
    }
  });
});
