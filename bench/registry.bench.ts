/**
 * npm run bench:registry — on MariaDB/MySQL:
 * 1. generates BENCH_HOUSEHOLDS (default 1,000,000) realistic households with multi-row inserts;
 * 2. measures with autocannon the hello route, GET /households?search=<prefix>&communeCode=… as a
 *    cooperative user, and GET /households/:id — at full load, then p99 at half the max rate;
 * 3. imports a BENCH_IMPORT_ROWS (default 100,000) row .xlsx through the API (preview + commit),
 *    and a fifth of it, printing rows/s and the API's peak RSS, and the ratio to a raw mysql2
 *    multi-row INSERT of as many rows into the same register.
 * BENCH_SKIP_HTTP=1 leaves out step 2 (the import figures only); BENCH_IMPORT_ROWS=0 leaves out step 3.
 */
import * as ExcelJS from 'exceljs';
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'mysql2/promise';
import { GeneratedHousehold, household, random } from './household-generator';
import {
  ADMIN_PASSWORD,
  BASE,
  createBenchDatabase,
  login,
  measure,
  paced,
  printTable,
  RunningApi,
  startApi,
  dbConnection,
  insertRows,
  waitForFlush,
} from './support';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SKIP_HTTP = process.env.BENCH_SKIP_HTTP === '1';
const MEMBERS = 20_000;
const SEARCH_RATIO_TARGET = 0.3;
const SEARCH_P99_TARGET_MS = 20;
const COLUMNS = [
  'id',
  'headName',
  'searchKey',
  'givenNameKey',
  'nationalId',
  'gender',
  'birthYear',
  'ethnicity',
  'phone',
  'communeCode',
  'village',
  'villageKey',
  'memberCount',
  'povertyStatus',
  'povertyAssessedYear',
  'version',
] as const;
const HOME_COMMUNE = '06427';
const TEMPLATE = [
  'Họ tên chủ hộ',
  'Số CCCD',
  'Giới tính',
  'Năm sinh',
  'Dân tộc',
  'Số điện thoại',
  'Xã/phường',
  'Thôn',
  'Số nhân khẩu',
  'Hộ nghèo/cận nghèo',
];

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const rowValues = (h: GeneratedHousehold) => COLUMNS.map((c) => (c === 'version' ? 1 : h[c]));

async function insertHouseholds(db: Connection, table: string, rows: GeneratedHousehold[]): Promise<void> {
  await insertRows(db, table, COLUMNS, rows.map(rowValues));
}

async function seedRegister(db: Connection): Promise<{ memberIds: string[]; cooperativeId: string }> {
  const rand = random(20261123);
  const started = process.hrtime.bigint();
  const memberIds: string[] = [];
  for (let done = 0; done < HOUSEHOLDS;) {
    const batch: GeneratedHousehold[] = [];
    for (let i = 0; i < 20_000 && done < HOUSEHOLDS; i++, done++) {
      // The benchmark cooperative's commune gets its members; the rest spread over the province.
      const h = household(rand, done, 0, done < MEMBERS ? HOME_COMMUNE : undefined);
      if (done < MEMBERS) memberIds.push(h.id);
      batch.push(h);
    }
    await insertHouseholds(db, 'households', batch);
    if (done % 200_000 === 0 || done === HOUSEHOLDS) process.stdout.write(`  ${done} households\n`);
  }
  const insertSeconds = seconds(started);
  const cooperativeId = '0b5e0a8e-1111-4a11-a111-000000000001';
  await db.query(
    `INSERT INTO cooperatives (id, name, searchKey, taxCode, communeCode, status, version) VALUES (?, ?, ?, ?, ?, 'active', 1)`,
    [
      cooperativeId,
      'HTX Nông nghiệp Na Cai Kinh (bench)',
      'htx nong nghiep na cai kinh (bench)',
      '4900999999',
      HOME_COMMUNE,
    ],
  );
  for (let i = 0; i < memberIds.length; i += 2000) {
    const rows = memberIds
      .slice(i, i + 2000)
      .map((id, j) => [
        `0b5e0a8e-2222-4a22-a222-${String(i + j).padStart(12, '0')}`,
        cooperativeId,
        id,
        id,
        'member',
        '2025-01-01',
      ]);
    await db.query(
      'INSERT INTO cooperative_members (id, cooperativeId, householdId, activeHouseholdId, role, joinedOn) VALUES ?',
      [rows],
    );
  }
  console.log(
    `generated ${HOUSEHOLDS} households in ${insertSeconds.toFixed(1)} s (${(HOUSEHOLDS / insertSeconds).toFixed(0)} rows/s, multi-row INSERT of 2000); ${memberIds.length} members of the bench cooperative`,
  );
  return { memberIds, cooperativeId };
}

async function cooperativeUser(cooperativeId: string): Promise<string> {
  const admin = await login('admin', ADMIN_PASSWORD);
  const res = await fetch(`${BASE}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      username: 'bench.htx',
      password: 'bench-htx-password',
      fullName: 'Hoàng Thị Lan',
      role: 'cooperative',
      cooperativeId,
    }),
  });
  if (!res.ok) throw new Error(`creating the cooperative user failed: ${res.status} ${await res.text()}`);
  return login('bench.htx', 'bench-htx-password');
}

async function writeSheet(path: string, rows: GeneratedHousehold[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Hộ');
  ws.addRow(TEMPLATE).commit();
  for (const h of rows) {
    ws.addRow([
      h.headName,
      h.nationalId,
      h.gender === 'male' ? 'Nam' : 'Nữ',
      h.birthYear,
      h.ethnicity,
      h.phone ?? '',
      h.communeCode,
      h.village,
      h.memberCount,
      h.povertyStatus,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function importThroughApi(api: RunningApi, token: string, path: string, rows: number) {
  const rssBefore = api.currentRssMiB();
  const form = new FormData();
  form.append('file', await openAsBlob(path), 'bench.xlsx');
  let started = process.hrtime.bigint();
  const preview = await fetch(`${BASE}/api/v1/imports/households`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!preview.ok) throw new Error(`preview failed: ${preview.status} ${await preview.text()}`);
  const job = (await preview.json()) as { id: string; valid: number; invalidCount: number };
  const previewSeconds = seconds(started);
  started = process.hrtime.bigint();
  const commit = await fetch(`${BASE}/api/v1/imports/${job.id}/commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!commit.ok) throw new Error(`commit failed: ${commit.status} ${await commit.text()}`);
  const result = (await commit.json()) as Record<string, number>;
  const commitSeconds = seconds(started);
  console.log(
    `import ${rows} rows: preview ${previewSeconds.toFixed(1)} s (${(rows / previewSeconds).toFixed(0)} rows/s), ` +
      `commit ${commitSeconds.toFixed(1)} s (${(rows / commitSeconds).toFixed(0)} rows/s), end to end ${(previewSeconds + commitSeconds).toFixed(1)} s; ` +
      `valid ${job.valid}, invalid ${job.invalidCount}, created ${result.created}; API RSS ${rssBefore.toFixed(0)} MiB before, peak so far ${api.peakRssMiB().toFixed(0)} MiB`,
  );
  return previewSeconds + commitSeconds;
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('lienket_bench_registry');
  const work = mkdtempSync(join(tmpdir(), 'lienket-bench-'));
  let api: RunningApi | undefined;
  try {
    api = await startApi(db.url, { IMPORT_MAX_BYTES: String(200 * 1024 * 1024) });
    const seedConnection = await dbConnection(db.url);
    const { memberIds, cooperativeId } = await seedRegister(seedConnection);
    await waitForFlush(seedConnection);
    await seedConnection.end();
    const token = await cooperativeUser(cooperativeId);
    const auth = { authorization: `Bearer ${token}` };
    const rand = random(7);
    const prefixes = [
      'nguyen v',
      'hoang thi',
      'dao',
      'nong van th',
      'ly',
      'mai',
      'vi duc',
      'trieu thi h',
      'hung',
      'lan',
    ];
    const searches = prefixes.map(
      (p) => `/api/v1/households?search=${encodeURIComponent(p)}&communeCode=${HOME_COMMUNE}`,
    );
    const byId = Array.from(
      { length: 500 },
      () => `/api/v1/households/${memberIds[Math.floor(rand() * memberIds.length)]}`,
    );

    const full = SKIP_HTTP
      ? []
      : [
          await measure('GET /api/v1 (hello)', ['/api/v1'], {}),
          await measure('GET /households?search=…&communeCode', searches, auth),
          await measure('GET /households/:id', byId, auth),
        ];
    if (full.length) console.log(`\nfull load (${process.env.BENCH_CONNECTIONS ?? 50} connections):`);
    if (full.length) printTable(full, full[0].requestsPerSecond);
    const half = SKIP_HTTP
      ? []
      : [
          await paced(
            'GET /api/v1 (hello) @ half max',
            ['/api/v1'],
            {},
            Math.round(full[0].requestsPerSecond / 2),
          ),
          await paced('search list @ half max', searches, auth, Math.round(full[1].requestsPerSecond / 2)),
          await paced(
            'GET /households/:id @ half max',
            byId,
            auth,
            Math.round(full[2].requestsPerSecond / 2),
          ),
        ];
    if (half.length) {
      console.log(
        '\nhalf of each route’s max rate, evenly paced (open loop; latency from when each request was due):',
      );
      printTable(half, full[0].requestsPerSecond);
      // The former way, for comparison: autocannon's overallRate (bursts; see paced()).
      const bursts = [
        await measure(
          'search list @ half max',
          searches,
          auth,
          10,
          Math.round(full[1].requestsPerSecond / 2),
        ),
      ];
      console.log('\nthe same rate as autocannon overallRate on 10 connections (bursty; not the target):');
      printTable(bursts, full[0].requestsPerSecond);
      const ratio = full[1].requestsPerSecond / full[0].requestsPerSecond;
      console.log(
        `\nsearch list: ${ratio.toFixed(2)}× hello (target ≥ ${SEARCH_RATIO_TARGET}): ${ratio >= SEARCH_RATIO_TARGET ? 'met' : 'MISSED'}; ` +
          `p99 at half max ${half[1].p99} ms (target ≤ ${SEARCH_P99_TARGET_MS} ms): ${half[1].p99 <= SEARCH_P99_TARGET_MS ? 'met' : 'MISSED'}`,
      );
    }

    if (IMPORT_ROWS === 0) return; // BENCH_IMPORT_ROWS=0: the HTTP figures only
    const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => household(rand, i, 1_000_000));
    const small = Array.from({ length: Math.round(IMPORT_ROWS / 5) }, (_, i) =>
      household(rand, i, 2_000_000),
    );
    const [bigPath, smallPath] = [join(work, 'big.xlsx'), join(work, 'small.xlsx')];
    await writeSheet(bigPath, rows);
    await writeSheet(smallPath, small);
    console.log('');
    await importThroughApi(api, token, smallPath, small.length);
    const apiSeconds = await importThroughApi(api, token, bigPath, rows.length);

    // The baseline writes a fresh set of the same size into the same populated register (every index
    // included), inside a transaction that is rolled back so the register stays as the API left it.
    const baseline = Array.from({ length: IMPORT_ROWS }, (_, i) => household(rand, i, 3_000_000));
    const raw = await dbConnection(db.url);
    await raw.beginTransaction();
    const started = process.hrtime.bigint();
    await insertHouseholds(raw, 'households', baseline);
    const rawSeconds = seconds(started);
    await raw.rollback();
    await raw.end();
    console.log(
      `raw mysql2 multi-row INSERT of ${baseline.length} such rows into the same register: ${rawSeconds.toFixed(1)} s (${(baseline.length / rawSeconds).toFixed(0)} rows/s); ` +
        `the API import end to end takes ${(apiSeconds / rawSeconds).toFixed(1)}× that`,
    );
    for (const r of [...full, ...half]) if (r.errors || r.non2xx) process.exitCode = 1;
  } finally {
    await api?.stop();
    rmSync(work, { recursive: true, force: true });
    await db.drop();
  }
}

main().catch((error: Error) => {
  // mysql2 errors carry the whole statement; the message is what a reader needs.
  console.error(error.message.slice(0, 2000));
  process.exit(1);
});
