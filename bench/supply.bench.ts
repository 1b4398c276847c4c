/**
 * npm run bench:supply — on MariaDB/MySQL:
 * 1. generates BENCH_CODES (15,000) growing-area codes with markets, packing facilities sourcing from
 *    them, BENCH_FORECASTS (100,000) forecasts and BENCH_CONTRACTS (50,000) contracts with their
 *    committed sources, in multi-row INSERTs;
 * 2. measures GET /supply for one product, market and quarter with monthly periods as an enterprise
 *    user (autocannon: req/s, p50, p99) and counts the SQL statements one request runs.
 * Target: p50 ≤ 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { Connection } from 'mysql2/promise';
import communes from '../src/database/seeds/reference/communes.json';
import { marketsKeyOf } from '../src/growing-areas/markets-key';
import { prng, pick } from '../src/database/seeds/prng';
import {
  ADMIN_PASSWORD,
  BASE,
  createBenchDatabase,
  dbConnection,
  insertRows,
  login,
  measure,
  printTable,
  startApi,
} from './support';

const CODES = Number(process.env.BENCH_CODES ?? 15_000);
const FORECASTS = Number(process.env.BENCH_FORECASTS ?? 100_000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 50_000);
const FACILITIES = Math.round(CODES / 10);
const P50_TARGET_MS = 100;
const PRODUCTS = ['custard-apple', 'grass-jelly', 'persimmon', 'chestnut', 'star-anise'];
const MARKETS = ['CN', 'JP', 'US', 'TW'];
const COMMUNES = (communes as Array<{ code: string }>).map((c) => c.code);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** A season of the product in 2027, as [start, end]. */
function season(rand: () => number): [string, string] {
  const month = 6 + Math.floor(rand() * 5);
  const start = `2027-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 15)).padStart(2, '0')}`;
  const endMonth = Math.min(12, month + 1 + Math.floor(rand() * 2));
  return [start, `2027-${String(endMonth).padStart(2, '0')}-28`];
}

async function generate(db: Connection, enterpriseId: string, cooperativeIds: string[]): Promise<void> {
  const rand = prng(2027);
  const started = process.hrtime.bigint();
  const codes = Array.from({ length: CODES }, (_, i) => {
    const kind = rand() < 0.78 ? 'export' : 'domestic';
    return {
      id: randomUUID(),
      code: `VN-SUP-${String(i).padStart(6, '0')}`,
      kind,
      productCode: pick(rand, PRODUCTS),
      status: rand() < 0.9 ? 'active' : pick(rand, ['pending', 'suspended', 'revoked']),
      markets: kind === 'export' ? [pick(rand, MARKETS), ...(rand() < 0.2 ? ['CN'] : [])] : [],
      cooperativeId: pick(rand, cooperativeIds),
      communeCode: pick(rand, COMMUNES),
      areaHa: Math.round((1 + rand() * 15) * 100) / 100,
    };
  });
  await insertRows(
    db,
    'growing_areas',
    [
      'id',
      'code',
      'status',
      'communeCode',
      'issuedOn',
      'nextInspectionDue',
      'version',
      'kind',
      'productCode',
      'areaHa',
      'plottedHa',
      'cooperativeId',
      'issuer',
      'marketsKey',
    ],
    codes.map((c) => [
      c.id,
      c.code,
      c.status,
      c.communeCode,
      '2025-03-01',
      '2026-09-01',
      1,
      c.kind,
      c.productCode,
      c.areaHa,
      0,
      c.cooperativeId,
      'bench',
      marketsKeyOf(c.markets),
    ]),
  );
  await insertRows(
    db,
    'growing_area_markets',
    ['growingAreaId', 'market'],
    codes.flatMap((c) => [...new Set(c.markets)].map((m) => [c.id, m])),
  );
  const facilities = Array.from({ length: FACILITIES }, (_, i) => ({
    id: randomUUID(),
    code: `VN-SUPF-${String(i).padStart(6, '0')}`,
    products: [pick(rand, PRODUCTS)],
    markets: [pick(rand, MARKETS)],
  }));
  await insertRows(
    db,
    'packing_facilities',
    [
      'id',
      'code',
      'status',
      'communeCode',
      'issuedOn',
      'nextInspectionDue',
      'version',
      'name',
      'kind',
      'operatorEnterpriseId',
      'capacityTonnesPerDay',
    ],
    facilities.map((f) => [
      f.id,
      f.code,
      rand() < 0.9 ? 'active' : 'suspended',
      pick(rand, COMMUNES),
      '2025-03-01',
      '2026-09-01',
      1,
      f.code,
      'export',
      enterpriseId,
      20,
    ]),
  );
  await insertRows(
    db,
    'packing_facility_products',
    ['packingFacilityId', 'productCode'],
    facilities.map((f) => [f.id, f.products[0]]),
  );
  await insertRows(
    db,
    'packing_facility_markets',
    ['packingFacilityId', 'market'],
    facilities.map((f) => [f.id, f.markets[0]]),
  );
  const sources = new Set<string>();
  const sourceRows: unknown[][] = [];
  for (const f of facilities) {
    for (let k = 0; k < 10; k++) {
      const c = pick(rand, codes);
      if (sources.has(`${f.id}${c.id}`)) continue;
      sources.add(`${f.id}${c.id}`);
      sourceRows.push([f.id, c.id]);
    }
  }
  await insertRows(db, 'packing_facility_sources', ['packingFacilityId', 'growingAreaId'], sourceRows);
  await insertRows(
    db,
    'forecasts',
    ['id', 'growingAreaId', 'productCode', 'periodStart', 'periodEnd', 'volume', 'createdBy'],
    Array.from({ length: FORECASTS }, () => {
      const c = pick(rand, codes);
      const [start, end] = season(rand);
      return [
        randomUUID(),
        c.id,
        c.productCode,
        start,
        end,
        Math.round(c.areaHa * 2000 * (0.5 + rand())),
        enterpriseId,
      ];
    }),
  );
  const contracts: unknown[][] = [];
  const contractSources: unknown[][] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    const id = randomUUID();
    const c = pick(rand, codes);
    const [from, to] = season(rand);
    const volume = Math.round(c.areaHa * 500);
    contracts.push([
      id,
      enterpriseId,
      c.cooperativeId,
      c.productCode,
      volume,
      'kg',
      20000,
      from,
      to,
      rand() < 0.8 ? 'active' : 'draft',
      1,
    ]);
    contractSources.push([id, c.id, volume]);
  }
  await insertRows(
    db,
    'contracts',
    [
      'id',
      'enterpriseId',
      'cooperativeId',
      'productCode',
      'volume',
      'unit',
      'priceVndPerUnit',
      'deliveryFrom',
      'deliveryTo',
      'status',
      'version',
    ],
    contracts,
  );
  await insertRows(
    db,
    'contract_sources',
    ['contractId', 'growingAreaId', 'committedVolume'],
    contractSources,
  );
  console.log(
    `generated ${CODES} codes, ${FACILITIES} facilities (${sourceRows.length} sources), ${FORECASTS} forecasts, ${CONTRACTS} contracts in ${seconds(started).toFixed(1)} s`,
  );
}

async function selectCount(db: Connection): Promise<number> {
  const [rows] = await db.query("SHOW GLOBAL STATUS LIKE 'Com_select'");
  return Number((rows as Array<{ Value: string }>)[0].Value);
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('lienket_bench_supply');
  const api = await startApi(db.url);
  try {
    const conn = await dbConnection(db.url);
    const enterpriseId = randomUUID();
    await conn.query(
      "INSERT INTO enterprises (id, name, searchKey, taxCode, kind, markets, version) VALUES (?, 'Bench exporter', 'bench exporter', '4900999998', 'exporter', '[\"CN\"]', 1)",
      [enterpriseId],
    );
    const cooperativeIds = Array.from({ length: 40 }, () => randomUUID());
    await insertRows(
      conn,
      'cooperatives',
      ['id', 'name', 'searchKey', 'taxCode', 'communeCode', 'status', 'version'],
      cooperativeIds.map((id, i) => [
        id,
        `HTX bench ${i}`,
        `htx bench ${i}`,
        `49009${String(i).padStart(5, '0')}`,
        '06427',
        'active',
        1,
      ]),
    );
    await generate(conn, enterpriseId, cooperativeIds);
    const admin = await login('admin', ADMIN_PASSWORD);
    const created = await fetch(`${BASE}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        username: 'bench.dn',
        password: 'bench-dn-password',
        fullName: 'Bench',
        role: 'enterprise',
        enterpriseId,
      }),
    });
    if (!created.ok) throw new Error(`creating the enterprise user failed: ${created.status}`);
    const token = await login('bench.dn', 'bench-dn-password');
    const path =
      '/api/v1/supply?product=custard-apple&market=CN&from=2027-07-01&to=2027-09-30&granularity=month';
    const auth = { authorization: `Bearer ${token}` };
    const before = await selectCount(conn);
    const one = await fetch(`${BASE}${path}`, { headers: auth });
    const body = (await one.json()) as { totals: object; sourcesTotal: number };
    const statements = (await selectCount(conn)) - before - 1; // minus the SHOW STATUS itself
    console.log(
      `one request: ${statements} SELECT statements; totals ${JSON.stringify(body.totals)}; ${body.sourcesTotal} eligible sources`,
    );
    const figures = [
      await measure('GET /api/v1 (hello)', ['/api/v1'], {}),
      await measure('GET /supply, 50 connections', [path], auth),
      await measure('GET /supply, 1 connection', [path], auth, 1),
    ];
    printTable(figures, figures[0].requestsPerSecond);
    // At full load p50 is mostly queueing; one client at a time shows what one request costs.
    console.log(
      `\ntarget: GET /supply p50 ≤ ${P50_TARGET_MS} ms — measured ${figures[2].p50} ms with one client, ${figures[1].p50} ms with 50`,
    );
    await conn.end();
    for (const r of figures) if (r.errors || r.non2xx) process.exitCode = 1;
  } finally {
    await api.stop();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
