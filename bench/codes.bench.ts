/**
 * npm run bench:codes — on MariaDB/MySQL:
 * 1. generates BENCH_CODES (default 15,000) growing-area codes and BENCH_FACILITIES (default 3,000)
 *    packing facilities with multi-row inserts straight into the tables the API's migrations made:
 *    markets, products and sources that obey the sourcing rule, and due dates spread so that a few
 *    thousand certificates are overdue or due within 30 days;
 * 2. times the inspection scan (POST /scans/inspections as admin) over them, then runs it again,
 *    which must announce nothing;
 * 3. measures with autocannon the hello route and a rotation of filtered GET /growing-areas lists
 *    as a province official at full load, then p99 at half each one's max rate with requests evenly
 *    paced (paced(); autocannon's own rate limit, bursty, is printed after it for comparison).
 */
import { marketsKeyOf } from '../src/growing-areas/markets-key';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mysql2/promise';
import { addDays, addMonths, todayInVietnam } from '../src/certification/inspection-schedule';
import communes from '../src/database/seeds/reference/communes.json';
import products from '../src/database/seeds/reference/products.json';
import { random } from './household-generator';
import {
  ADMIN_PASSWORD,
  BASE,
  createBenchDatabase,
  login,
  measure,
  paced,
  printTable,
  startApi,
  RunningApi,
  dbConnection,
  insertRows,
} from './support';

const CODES = Number(process.env.BENCH_CODES ?? 15_000);
const FACILITIES = Number(process.env.BENCH_FACILITIES ?? 3_000);
const COOPERATIVES = 40;
const ENTERPRISES = 40;
const ROWS_PER_INSERT = 2000;
const EXPORT_MONTHS = 6;
const DOMESTIC_MONTHS = 12;
const ISSUER = 'Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Lạng Sơn';
const SCAN_TARGET_SECONDS = 10;
const LIST_P99_TARGET_MS = 20;

type Rand = () => number;
type Kind = 'export' | 'domestic';
type Status = 'pending' | 'active' | 'suspended' | 'revoked';

/** Former districts where each crop is mostly grown (reference/products.json notes). */
const HOME_DISTRICTS: Record<string, string[]> = {
  'custard-apple': ['Chi Lăng', 'Hữu Lũng'],
  'grass-jelly': ['Tràng Định', 'Bình Gia', 'Văn Lãng'],
  persimmon: ['Văn Lãng'],
  'star-anise': ['Văn Quan', 'Bình Gia', 'Văn Lãng', 'Cao Lộc', 'Lộc Bình'],
  chestnut: ['Thành phố Lạng Sơn', 'Cao Lộc'],
};
const PRODUCT_WEIGHTS: Array<[string, number]> = [
  ['custard-apple', 30],
  ['grass-jelly', 20],
  ['persimmon', 15],
  ['star-anise', 25],
  ['chestnut', 10],
];
const CODE_MARKETS: Array<[string[], number]> = [
  [['CN'], 75],
  [['CN', 'JP'], 10],
  [['CN', 'TW'], 5],
  [['US'], 4],
  [['CN', 'IN'], 3],
  [['DE'], 3],
];
const FACILITY_MARKETS: Array<[string[], number]> = [
  [['CN'], 45],
  [['CN', 'VN'], 20],
  [['CN', 'JP'], 6],
  [['US'], 3],
  [['VN'], 26],
];
const STATUSES: Array<[Status, number]> = [
  ['active', 85],
  ['pending', 7],
  ['suspended', 6],
  ['revoked', 2],
];
const DISTRICT_LETTERS: Record<string, string> = {
  'Bắc Sơn': 'BS',
  'Bình Gia': 'BG',
  'Cao Lộc': 'CLO',
  'Chi Lăng': 'CL',
  'Đình Lập': 'DL',
  'Hữu Lũng': 'HL',
  'Lộc Bình': 'LB',
  'Thành phố Lạng Sơn': 'TP',
  'Tràng Định': 'TD',
  'Văn Lãng': 'VL',
  'Văn Quan': 'VQ',
};
const AREA_COLUMNS = [
  'id',
  'code',
  'status',
  'communeCode',
  'issuedOn',
  'lastInspectedOn',
  'nextInspectionDue',
  'version',
  'kind',
  'productCode',
  'areaHa',
  'plottedHa',
  'cooperativeId',
  'issuer',
  'marketsKey',
] as const;
const FACILITY_COLUMNS = [
  'id',
  'code',
  'status',
  'communeCode',
  'issuedOn',
  'lastInspectedOn',
  'nextInspectionDue',
  'version',
  'name',
  'kind',
  'operatorCooperativeId',
  'operatorEnterpriseId',
  'capacityTonnesPerDay',
] as const;

interface Dates {
  issuedOn: string;
  lastInspectedOn: string | null;
  nextInspectionDue: string;
}
interface Area extends Dates {
  id: string;
  code: string;
  status: Status;
  communeCode: string;
  version: number;
  kind: Kind;
  productCode: string;
  areaHa: number;
  plottedHa: number;
  cooperativeId: string | null;
  issuer: string;
  markets: string[];
  marketsKey: string;
}
interface Facility extends Dates {
  id: string;
  code: string;
  status: Status;
  communeCode: string;
  version: number;
  name: string;
  kind: Kind;
  operatorCooperativeId: string | null;
  operatorEnterpriseId: string | null;
  capacityTonnesPerDay: number;
  productCodes: string[];
  markets: string[];
  sources: string[];
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

function weighted<T>(rand: Rand, table: Array<[T, number]>): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][0];
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const dayIn = (rand: Rand, from: string, to: string) =>
  addDays(from, int(rand, 0, Math.max(0, daysBetween(from, to))));

/**
 * Issue and inspection dates as the API would have them: the next inspection falls the interval
 * after the last one (or the issue date), clamped to month end. Of the active certificates about
 * 12 % are overdue and 10 % due within the 30-day lead time.
 */
function dates(rand: Rand, status: Status, months: number, today: string): Dates {
  const due = (base: string) => addMonths(base, months);
  if (status === 'pending') {
    const issuedOn = dayIn(rand, addDays(today, -90), today);
    return { issuedOn, lastInspectedOn: null, nextInspectionDue: due(issuedOn) };
  }
  if (status !== 'active') {
    const inspected = dayIn(rand, addDays(today, -700), addDays(today, -10));
    const issuedOn = dayIn(rand, '2023-01-01', addDays(inspected, -60));
    return { issuedOn, lastInspectedOn: inspected, nextInspectionDue: due(inspected) };
  }
  const cycleStart = addMonths(today, -months);
  const roll = rand();
  const base =
    roll < 0.12
      ? dayIn(rand, addDays(cycleStart, -180), addDays(cycleStart, -1))
      : roll < 0.22
        ? dayIn(rand, addDays(cycleStart, 1), addDays(cycleStart, 30))
        : dayIn(rand, addDays(cycleStart, 31), addDays(today, -1));
  if (rand() < 0.2) return { issuedOn: base, lastInspectedOn: null, nextInspectionDue: due(base) };
  return {
    issuedOn: dayIn(rand, '2023-01-01', addDays(base, -60)),
    lastInspectedOn: base,
    nextInspectionDue: due(base),
  };
}

function generate(cooperativeIds: string[], enterpriseIds: string[], today: string) {
  const rand = random(20261124);
  const crops = new Set(products.filter((p) => p.kind === 'crop').map((p) => p.code));
  const productWeights = PRODUCT_WEIGHTS.filter(([code]) => crops.has(code));
  const district = (code: string) => communes.find((c) => c.code === code)!.formerDistricts[0];
  const homeCommunes = Object.fromEntries(
    Object.entries(HOME_DISTRICTS).map(([product, districts]) => [
      product,
      communes.filter((c) => c.formerDistricts.some((d) => districts.includes(d))).map((c) => c.code),
    ]),
  );
  const serial = new Map<string, number>();

  const areas: Area[] = [];
  for (let i = 0; i < CODES; i++) {
    const productCode = weighted(rand, productWeights);
    const communeCode = rand() < 0.75 ? pick(rand, homeCommunes[productCode]) : pick(rand, communes).code;
    const kind: Kind = rand() < 0.75 ? 'export' : 'domestic';
    const markets = kind === 'export' ? weighted(rand, CODE_MARKETS) : [];
    const status = weighted(rand, STATUSES);
    const letters = DISTRICT_LETTERS[district(communeCode)];
    const n = (serial.get(letters) ?? 0) + 1;
    serial.set(letters, n);
    areas.push({
      id: randomUUID(),
      code: `VN-LS${letters}-${String(n).padStart(5, '0')}`,
      status,
      communeCode,
      ...dates(rand, status, kind === 'export' ? EXPORT_MONTHS : DOMESTIC_MONTHS, today),
      version: 1,
      kind,
      productCode,
      areaHa: Math.round((0.5 + rand() * 14.5) * 100) / 100,
      plottedHa: 0,
      cooperativeId: rand() < 0.3 ? pick(rand, cooperativeIds) : null,
      issuer: ISSUER,
      markets,
      marketsKey: marketsKeyOf(markets),
    });
  }

  // Pools the sourcing rule allows: any active code of a product for a domestic facility; for an
  // export one, active export codes of the product listing the market.
  const anyActive = new Map<string, string[]>();
  const exportActive = new Map<string, string[]>();
  const add = (pools: Map<string, string[]>, key: string, id: string) => {
    const pool = pools.get(key);
    if (pool) pool.push(id);
    else pools.set(key, [id]);
  };
  for (const a of areas) {
    if (a.status !== 'active') continue;
    add(anyActive, a.productCode, a.id);
    for (const m of a.markets) add(exportActive, `${a.productCode}/${m}`, a.id);
  }

  const facilities: Facility[] = [];
  const productList = productWeights.map(([code]) => code);
  for (let i = 0; i < FACILITIES; i++) {
    const productCodes = [weighted(rand, productWeights)];
    while (rand() < 0.2 && productCodes.length < productList.length) {
      const more = pick(rand, productList);
      if (!productCodes.includes(more)) productCodes.push(more);
    }
    const markets = weighted(rand, FACILITY_MARKETS);
    const kind: Kind = markets.some((m) => m !== 'VN') ? 'export' : 'domestic';
    const pools =
      kind === 'domestic'
        ? productCodes.map((p) => anyActive.get(p) ?? [])
        : productCodes.flatMap((p) => markets.map((m) => exportActive.get(`${p}/${m}`) ?? []));
    const nonEmpty = pools.filter((pool) => pool.length);
    const sources = new Set<string>();
    const wanted = int(rand, 3, 10);
    for (let tries = 0; sources.size < wanted && nonEmpty.length && tries < 100; tries++)
      sources.add(pick(rand, pick(rand, nonEmpty)));
    const status = weighted(rand, STATUSES);
    const byCooperative = rand() < 0.5;
    const communeCode = pick(rand, homeCommunes[productCodes[0]]);
    facilities.push({
      id: randomUUID(),
      code: `VN-LSDG-${String(i + 1).padStart(5, '0')}`,
      status,
      communeCode,
      ...dates(rand, status, kind === 'export' ? EXPORT_MONTHS : DOMESTIC_MONTHS, today),
      version: 1,
      name: `Cơ sở đóng gói ${productCodes.join(', ')} số ${i + 1}`,
      kind,
      operatorCooperativeId: byCooperative ? pick(rand, cooperativeIds) : null,
      operatorEnterpriseId: byCooperative ? null : pick(rand, enterpriseIds),
      capacityTonnesPerDay: int(rand, 2, 60) + int(rand, 0, 1) / 2,
      productCodes,
      markets,
      sources: [...sources],
    });
  }
  return { areas, facilities };
}

async function seedCertificates(db: Connection, today: string) {
  const started = process.hrtime.bigint();
  const cooperativeIds = Array.from({ length: COOPERATIVES }, () => randomUUID());
  const enterpriseIds = Array.from({ length: ENTERPRISES }, () => randomUUID());
  await insertRows(
    db,
    'cooperatives',
    ['id', 'name', 'searchKey', 'taxCode', 'communeCode', 'status', 'version'],
    cooperativeIds.map((id, i) => [
      id,
      `HTX Nông nghiệp bench ${i + 1}`,
      `htx nong nghiep bench ${i + 1}`,
      `49009${String(i).padStart(5, '0')}`,
      communes[i % communes.length].code,
      'active',
      1,
    ]),
  );
  await insertRows(
    db,
    'enterprises',
    ['id', 'name', 'searchKey', 'taxCode', 'kind', 'communeCode', 'markets', 'version'],
    enterpriseIds.map((id, i) => [
      id,
      `Công ty TNHH Nông sản bench ${i + 1}`,
      `cong ty tnhh nong san bench ${i + 1}`,
      `49008${String(i).padStart(5, '0')}`,
      'exporter',
      communes[(i * 7) % communes.length].code,
      JSON.stringify(['CN', 'VN']),
      1,
    ]),
  );
  const { areas, facilities } = generate(cooperativeIds, enterpriseIds, today);
  const generated = seconds(started);
  await insertRows(
    db,
    'growing_areas',
    AREA_COLUMNS,
    areas.map((a) => AREA_COLUMNS.map((c) => a[c])),
  );
  await insertRows(
    db,
    'growing_area_markets',
    ['growingAreaId', 'market'],
    areas.flatMap((a) => a.markets.map((m) => [a.id, m])),
  );
  await insertRows(
    db,
    'packing_facilities',
    FACILITY_COLUMNS,
    facilities.map((f) => FACILITY_COLUMNS.map((c) => f[c])),
  );
  await insertRows(
    db,
    'packing_facility_products',
    ['packingFacilityId', 'productCode'],
    facilities.flatMap((f) => f.productCodes.map((p) => [f.id, p])),
  );
  await insertRows(
    db,
    'packing_facility_markets',
    ['packingFacilityId', 'market'],
    facilities.flatMap((f) => f.markets.map((m) => [f.id, m])),
  );
  const sources = facilities.flatMap((f) => f.sources.map((a) => [f.id, a]));
  await insertRows(db, 'packing_facility_sources', ['packingFacilityId', 'growingAreaId'], sources);
  const total = seconds(started);

  const horizon = addDays(today, 30);
  const census = (rows: Array<Area | Facility>) => {
    const active = rows.filter((r) => r.status === 'active');
    const overdue = active.filter((r) => r.nextInspectionDue < today).length;
    const due = active.filter((r) => r.nextInspectionDue >= today && r.nextInspectionDue <= horizon).length;
    return `${active.length} active, ${overdue} overdue, ${due} due within 30 days`;
  };
  console.log(
    `generated ${areas.length} growing-area codes (${census(areas)}) and ${facilities.length} packing facilities ` +
      `(${census(facilities)}; ${sources.length} sources) in ${total.toFixed(1)} s ` +
      `(${generated.toFixed(1)} s generating, the rest multi-row INSERTs of ${ROWS_PER_INSERT})`,
  );
  return { areas };
}

interface ScanResult {
  scan: string;
  matched: number;
  announced: number;
}

async function runScan(token: string, label: string): Promise<{ seconds: number; results: ScanResult[] }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${BASE}/api/v1/scans/inspections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  });
  if (!res.ok) throw new Error(`${label} failed: ${res.status} ${await res.text()}`);
  const results = (await res.json()) as ScanResult[];
  const took = seconds(started);
  const announced = results.reduce((n, r) => n + r.announced, 0);
  console.log(`${label}: ${took.toFixed(2)} s, ${announced} announced`);
  for (const r of results)
    console.log(
      `  ${r.scan.padEnd(26)} matched ${String(r.matched).padStart(6)}   announced ${String(r.announced).padStart(6)}`,
    );
  return { seconds: took, results };
}

async function officialUser(adminToken: string): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      username: 'bench.official',
      password: 'bench-official-password',
      fullName: 'Lương Thị Mai',
      role: 'official',
    }),
  });
  if (!res.ok) throw new Error(`creating the official failed: ${res.status} ${await res.text()}`);
  return login('bench.official', 'bench-official-password');
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('lienket_bench_codes');
  let api: RunningApi | undefined;
  try {
    api = await startApi(db.url);
    const today = todayInVietnam();
    const seedConnection = await dbConnection(db.url);
    await seedCertificates(seedConnection, today);

    const admin = await login('admin', ADMIN_PASSWORD);
    console.log('');
    const first = await runScan(admin, 'inspection scan, first run');
    const [events] = await seedConnection.query('SELECT COUNT(*) AS n FROM outbox_events');
    const eventRows = Number((events as Array<{ n: number }>)[0].n);
    console.log(
      `  → ${first.seconds.toFixed(2)} s for ${eventRows} event rows (target ≤ ${SCAN_TARGET_SECONDS} s including event rows): ` +
        (first.seconds <= SCAN_TARGET_SECONDS ? 'met' : 'MISSED'),
    );
    const second = await runScan(admin, 'inspection scan, second run');
    const again = second.results.reduce((n, r) => n + r.announced, 0);
    console.log(`  → second run announced ${again} (expected 0): ${again === 0 ? 'ok' : 'WRONG'}`);
    if (again !== 0) process.exitCode = 1;
    await seedConnection.end();

    const token = await officialUser(admin);
    const auth = { authorization: `Bearer ${token}` };
    const soon = addDays(today, 31);
    const quarter = addMonths(today, 3);
    const lists = [
      `status=active`,
      `kind=export&market=CN`,
      `productCode=custard-apple&status=active`,
      `communeCode=06427`,
      `status=active&inspectionDueBefore=${soon}`,
      `status=active&kind=export&market=JP`,
      `productCode=grass-jelly&communeCode=06019&status=active`,
      `kind=domestic&productCode=persimmon&inspectionDueBefore=${quarter}`,
      `status=suspended&kind=export`,
      `status=active&kind=export&market=CN&productCode=star-anise&communeCode=06280&inspectionDueBefore=${quarter}`,
    ].map((q) => `/api/v1/growing-areas?${q}`);

    const full = [
      await measure('GET /api/v1 (hello)', ['/api/v1'], {}),
      await measure('GET /growing-areas?<filters> (10 URLs)', lists, auth),
    ];
    console.log(`\nfull load (${process.env.BENCH_CONNECTIONS ?? 50} connections):`);
    printTable(full, full[0].requestsPerSecond);
    const half = [
      await paced(
        'GET /api/v1 (hello) @ half max',
        ['/api/v1'],
        {},
        Math.round(full[0].requestsPerSecond / 2),
      ),
      await paced('filtered list @ half max', lists, auth, Math.round(full[1].requestsPerSecond / 2)),
    ];
    console.log(
      '\nhalf of each route’s max rate, evenly paced (open loop; latency from when each request was due):',
    );
    printTable(half, full[0].requestsPerSecond);
    // The former way, for comparison: autocannon's overallRate (bursts; see paced()).
    const bursts = [
      await measure(
        'GET /api/v1 (hello) @ half max',
        ['/api/v1'],
        {},
        10,
        Math.round(full[0].requestsPerSecond / 2),
      ),
      await measure('filtered list @ half max', lists, auth, 10, Math.round(full[1].requestsPerSecond / 2)),
    ];
    console.log(
      '\nthe same rates as autocannon overallRate on 10 connections (bursty, 1 ms correction; not the target):',
    );
    printTable(bursts, full[0].requestsPerSecond);
    console.log(
      `\nfiltered list p99 at half max load: ${half[1].p99} ms (target ≤ ${LIST_P99_TARGET_MS} ms): ` +
        (half[1].p99 <= LIST_P99_TARGET_MS ? 'met' : 'MISSED'),
    );
    for (const r of [...full, ...half, ...bursts]) if (r.errors || r.non2xx) process.exitCode = 1;
  } finally {
    await api?.stop();
    await db.drop();
  }
}

main().catch((error: Error) => {
  // mysql2 errors carry the whole statement; the message is what a reader needs.
  console.error(error.message.slice(0, 2000));
  process.exit(1);
});
