import { spawnSync } from 'node:child_process';
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
