#!/usr/bin/env node
// npm test: unit specs, then e2e specs on SQLite, browser specs in chromium (test/browser), then
// e2e again on MariaDB/MySQL when one answers (TEST_MYSQL_URL, DATABASE_URL, or root@127.0.0.1:3306)
// in a throw-away database, with Redis when one answers (REDIS_URL or 127.0.0.1:6379). Ends with
// one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection as tcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workDir = mkdtempSync(join(tmpdir(), 'lienket-tests-'));
const extraArgs = process.argv.slice(2);
const results = [];

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = tcp({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function jest(label, config, env, args = []) {
  const outputFile = join(workDir, `${label.replace(/\W+/g, '-')}.json`);
  console.log(`\n=== ${label} ===`);
  const run = spawnSync(
    process.execPath,
    [
      join('node_modules', 'jest', 'bin', 'jest.js'),
      '--config',
      config,
      '--json',
      '--outputFile',
      outputFile,
      ...extraArgs,
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let passed;
  let failed;
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } catch {
    passed = 0;
    failed = 1;
  }
  if (run.status !== 0 && failed === 0) failed = 1;
  results.push({ label, passed, failed });
}

async function mysqlUrl() {
  if (process.env.TEST_MYSQL_URL) return process.env.TEST_MYSQL_URL;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  return (await answers('127.0.0.1', 3306)) ? 'mysql://root@127.0.0.1:3306/mysql' : null;
}

async function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  return (await answers('127.0.0.1', 6379)) ? 'redis://127.0.0.1:6379' : null;
}

const base = { DATABASE_URL: '', REDIS_URL: '', LIENKET_TEST_DIR: join(workDir, 'sqlite') };
jest('unit', 'test/jest-unit.config.js', base);
jest('e2e on SQLite, inline queue', 'test/jest-e2e.config.js', base);
// Browser specs (test/browser) in chromium on the SQLite app; CI installs it, so none is a failure.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  // A filter naming other specs leaves no browser spec: that is not a failure here.
  jest(
    'browser (chromium)',
    'test/jest-browser.config.js',
    base,
    extraArgs.length ? ['--passWithNoTests'] : [],
  );
} else {
  console.log(
    `\n=== browser (chromium) ===\nNo chromium at ${chromiumPath}: the browser specs need it. ` +
      'Install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
  );
  results.push({ label: 'browser (chromium)', passed: 0, failed: 1 });
}

const serverUrl = await mysqlUrl();
if (serverUrl) {
  const { createConnection } = await import('mysql2/promise');
  const database = `lienket_test_${Date.now().toString(36)}_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const redis = await redisUrl();
  try {
    jest(`e2e on MariaDB/MySQL${redis ? ' + Redis' : ''}`, 'test/jest-e2e.config.js', {
      ...base,
      DATABASE_URL: url.toString(),
      REDIS_URL: redis ?? '',
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
} else {
  console.log(
    '\n(no MariaDB/MySQL answered on 127.0.0.1:3306 and no TEST_MYSQL_URL: e2e ran on SQLite only)',
  );
}

rmSync(workDir, { recursive: true, force: true });
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('');
for (const r of results) console.log(`  ${r.label}: ${r.passed} passed, ${r.failed} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
