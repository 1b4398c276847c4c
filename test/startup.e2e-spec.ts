import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

/** A wrong configuration stops the process with one line naming the variable, and exit code 1. */
const start = (env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, '..', 'src', 'main.ts'),
    ],
    { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );

it.each([
  [{ PORT: 'abc' }, 'PORT'],
  [{ DATABASE_URL: 'postgres://x@y/z' }, 'DATABASE_URL'],
  [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
])('%j → exit 1 naming %s', (env, variable) => {
  const run = start(env);
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: .*${variable}`));
  expect(run.stdout).toBe('');
});

describe('production refuses a Redis that may evict queued jobs', () => {
  let redis: ChildProcess | undefined;
  const port = 20000 + (process.pid % 20000);
  beforeAll(async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'allkeys-lru'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 50 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => redis?.kill('SIGKILL'));

  it('maxmemory-policy allkeys-lru → exit 1 naming REDIS_URL and the policy', () => {
    const run = start({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^Invalid configuration: REDIS_URL: Redis has maxmemory-policy allkeys-lru/,
    );
  });
});

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
