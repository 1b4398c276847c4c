import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import type { CertificationStatus } from '../../certification/certification-status';
import { addDays, addMonths, CertificateKind } from '../../certification/inspection-schedule';
import type { Env } from '../../config/env';
import { GrowingAreaMarket } from '../../growing-areas/growing-area-market.entity';
import { GrowingArea } from '../../growing-areas/growing-area.entity';
import {
  PackingFacilityMarket,
  PackingFacilityProduct,
  PackingFacilitySource,
} from '../../packing-facilities/packing-facility-links.entity';
import { marketsKeyOf } from '../../growing-areas/markets-key';
import { PackingFacility } from '../../packing-facilities/packing-facility.entity';
import { bulkInsert } from '../bulk-insert';
import { prng, seededUuid } from './prng';
import communes from './reference/communes.json';
import products from './reference/products.json';

/**
 * The day the demo certificates are written for: no issue or inspection date lies after it, and
 * the due dates around it give the demo overdue codes and codes due within the lead time. Fixed,
 * so every first start writes the same rows.
 */
export const DEMO_AS_OF = '2026-11-23';
const ISSUER = 'Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Lạng Sơn';
/** 1,236.45 ha over all codes, in hundredths. */
const TOTAL_AREA_HUNDREDTHS = 123_645;
const FIRST_ISSUE = '2023-01-03';
const SEED = 0x4c53_2026;

interface ChainPlan {
  productCode: string;
  /** Markets of the export codes, with how many codes list them (these add up to the export count). */
  exportMarkets: Array<[string[], number]>;
  domestic: number;
  /** Hectares per export code (domestic ones are smaller), before scaling to the total. */
  ha: [number, number];
  /** Communes growing it, weighted. */
  communes: Array<[string, number]>;
}

/**
 * The five value chains' crops (duck is livestock: no codes). Communes follow the product notes in
 * reference/products.json; star anise and chestnut markets reflect their real buyers.
 */
const CHAINS: ChainPlan[] = [
  {
    productCode: 'custard-apple',
    exportMarkets: [
      [['CN'], 50],
      [['CN', 'JP'], 8],
    ],
    domestic: 12,
    ha: [3, 14],
    communes: [
      ['06427', 22], // Cai Kinh: the demo cooperative's codes
      ['06463', 12], // Chi Lăng (Đồng Mỏ, Đồng Bành market)
      ['06475', 5],
      ['06481', 5],
      ['06496', 4],
      ['06517', 4],
      ['06505', 3],
      ['06400', 5],
      ['06385', 4],
      ['06445', 3],
      ['06391', 3],
    ],
  },
  {
    productCode: 'grass-jelly',
    exportMarkets: [
      [['CN'], 38],
      [['CN', 'TW'], 4],
    ],
    domestic: 10,
    ha: [2, 10],
    communes: [
      ['06019', 12], // Tân Tiến (Kim Đồng, Tân Tiến)
      ['06001', 9], // Đoàn Kết (Khánh Long, Vĩnh Tiến, Cao Minh)
      ['06040', 8], // Thất Khê (Chí Minh, Chi Lăng)
      ['06046', 8], // Tràng Định (Đề Thám, Hùng Việt)
      ['06037', 3],
      ['06058', 3],
      ['06112', 4], // Bình Gia
      ['06154', 2], // Văn Lãng
      ['06253', 3], // Văn Quan
    ],
  },
  {
    productCode: 'persimmon',
    exportMarkets: [[['CN'], 28]],
    domestic: 12,
    ha: [2, 9],
    communes: [
      ['06172', 22], // Hoàng Văn Thụ (Tân Mỹ, Hoàng Văn Thụ, Hồng Thái)
      ['06124', 8], // Na Sầm (Hoàng Việt)
      ['06148', 6], // Thụy Hùng (Thanh Long)
      ['06151', 2],
      ['06154', 2],
    ],
  },
  {
    productCode: 'star-anise',
    exportMarkets: [
      [['CN'], 18],
      [['CN', 'IN'], 8],
      [['US'], 5],
      [['IN'], 3],
      [['DE'], 2],
    ],
    domestic: 6,
    ha: [5, 22],
    communes: [
      ['06280', 9], // Điềm He
      ['06298', 8], // Yên Phúc (Liên Hội, An Sơn)
      ['06253', 5],
      ['06313', 3],
      ['06316', 2],
      ['06112', 5], // Bình Gia
      ['06073', 3],
      ['06079', 2],
      ['06154', 2], // Văn Lãng
      ['06211', 2], // Cao Lộc
      ['06529', 1], // Lộc Bình
    ],
  },
  {
    productCode: 'chestnut',
    exportMarkets: [[['CN'], 14]],
    domestic: 11,
    ha: [1, 6],
    communes: [
      ['05983', 14], // Lương Văn Tri (former Quảng Lạc)
      ['06211', 4], // Cao Lộc
      ['06220', 3], // Công Sơn
      ['06196', 2], // Ba Sơn
      ['06187', 2], // Kỳ Lừa
    ],
  },
];

/** Status counts over all codes; the rest are active. */
const STATUS_COUNTS: Array<[CertificationStatus, number]> = [
  ['pending', 9],
  ['suspended', 5],
  ['revoked', 2],
];

/** Letters of each former district in the codes (VN-LS<district>-0001). */
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

type Operator = 'cooperative' | 'enterprise';

interface FacilityPlan {
  name: string;
  operator: Operator;
  communeCode: string;
  productCodes: string[];
  markets: string[];
  capacityTonnesPerDay: number;
}

const FACILITIES: FacilityPlan[] = [
  {
    name: 'Cơ sở đóng gói na Cai Kinh',
    operator: 'cooperative',
    communeCode: '06427',
    productCodes: ['custard-apple'],
    markets: ['CN'],
    capacityTonnesPerDay: 25,
  },
  {
    name: 'Tổ sơ chế na Làng Ngò',
    operator: 'cooperative',
    communeCode: '06427',
    productCodes: ['custard-apple'],
    markets: ['VN'],
    capacityTonnesPerDay: 8,
  },
  {
    name: 'Cơ sở đóng gói na xuất khẩu Hữu Liên',
    operator: 'cooperative',
    communeCode: '06400',
    productCodes: ['custard-apple'],
    markets: ['CN', 'JP'],
    capacityTonnesPerDay: 15,
  },
  {
    name: 'Kho sơ chế na Yên Bình',
    operator: 'cooperative',
    communeCode: '06391',
    productCodes: ['custard-apple'],
    markets: ['VN'],
    capacityTonnesPerDay: 6.5,
  },
  {
    name: 'Cơ sở đóng gói na Đồng Bành',
    operator: 'enterprise',
    communeCode: '06463',
    productCodes: ['custard-apple'],
    markets: ['CN', 'VN'],
    capacityTonnesPerDay: 40,
  },
  {
    name: 'Cơ sở đóng gói thạch đen Thất Khê',
    operator: 'enterprise',
    communeCode: '06040',
    productCodes: ['grass-jelly'],
    markets: ['CN'],
    capacityTonnesPerDay: 30,
  },
  {
    name: 'Xưởng sấy thạch đen Tân Tiến',
    operator: 'enterprise',
    communeCode: '06019',
    productCodes: ['grass-jelly'],
    markets: ['CN', 'TW'],
    capacityTonnesPerDay: 12,
  },
  {
    name: 'Cơ sở sơ chế thạch đen Tràng Định',
    operator: 'enterprise',
    communeCode: '06046',
    productCodes: ['grass-jelly'],
    markets: ['VN'],
    capacityTonnesPerDay: 10,
  },
  {
    name: 'Cơ sở đóng gói hồng Vành Khuyên Hoàng Văn Thụ',
    operator: 'enterprise',
    communeCode: '06172',
    productCodes: ['persimmon'],
    markets: ['CN'],
    capacityTonnesPerDay: 20,
  },
  {
    name: 'Cơ sở khử chát hồng Na Sầm',
    operator: 'enterprise',
    communeCode: '06124',
    productCodes: ['persimmon'],
    markets: ['VN'],
    capacityTonnesPerDay: 7.5,
  },
  {
    name: 'Xưởng sấy hoa hồi Điềm He',
    operator: 'enterprise',
    communeCode: '06280',
    productCodes: ['star-anise'],
    markets: ['CN', 'IN'],
    capacityTonnesPerDay: 18,
  },
  {
    name: 'Cơ sở đóng gói hoa hồi xuất khẩu Bình Gia',
    operator: 'enterprise',
    communeCode: '06112',
    productCodes: ['star-anise'],
    markets: ['US', 'DE'],
    capacityTonnesPerDay: 9,
  },
  {
    name: 'Cơ sở đóng gói hạt dẻ Quảng Lạc',
    operator: 'enterprise',
    communeCode: '05983',
    productCodes: ['chestnut'],
    markets: ['CN'],
    capacityTonnesPerDay: 5,
  },
  {
    name: 'Kho đóng gói nông sản Xứ Lạng',
    operator: 'enterprise',
    communeCode: '06184',
    productCodes: ['custard-apple', 'persimmon', 'chestnut'],
    markets: ['CN', 'VN'],
    capacityTonnesPerDay: 50,
  },
];

export interface DemoOperators {
  cooperativeId: string;
  enterpriseId: string;
}

type AreaRow = Pick<
  GrowingArea,
  | 'id'
  | 'code'
  | 'kind'
  | 'productCode'
  | 'areaHa'
  | 'plottedHa'
  | 'communeCode'
  | 'cooperativeId'
  | 'boundary'
  | 'boundaryAreaHa'
  | 'issuer'
  | 'marketsKey'
  | 'issuedOn'
  | 'status'
  | 'lastInspectedOn'
  | 'nextInspectionDue'
  | 'version'
>;

type FacilityRow = Pick<
  PackingFacility,
  | 'id'
  | 'code'
  | 'name'
  | 'kind'
  | 'communeCode'
  | 'operatorCooperativeId'
  | 'operatorEnterpriseId'
  | 'capacityTonnesPerDay'
  | 'issuedOn'
  | 'status'
  | 'lastInspectedOn'
  | 'nextInspectionDue'
  | 'version'
>;

export interface DemoCertificates {
  areas: AreaRow[];
  areaMarkets: Array<{ growingAreaId: string; market: string }>;
  facilities: FacilityRow[];
  facilityProducts: Array<{ packingFacilityId: string; productCode: string }>;
  facilityMarkets: Array<{ packingFacilityId: string; market: string }>;
  facilitySources: Array<{ packingFacilityId: string; growingAreaId: string }>;
}

/**
 * Demo growing-area codes and packing facilities for the embedded default: 229 codes (178 export,
 * 51 domestic) on about 1,236 ha over the crop value chains, and 14 active packing facilities of the
 * demo cooperative and enterprise whose sources obey the sourcing rule. Written straight to the
 * tables in one transaction (no audit rows: seed data), only when no code exists yet.
 */
@Injectable()
export class CertificatesSeed {
  private readonly logger = new Logger(CertificatesSeed.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async run(operators: DemoOperators): Promise<void> {
    const data = generateDemoCertificates(operators, {
      export: this.config.get('INSPECTION_INTERVAL_EXPORT_MONTHS', { infer: true }),
      domestic: this.config.get('INSPECTION_INTERVAL_DOMESTIC_MONTHS', { infer: true }),
    });
    const written = await this.dataSource.transaction(async (em: EntityManager) => {
      if (await em.getRepository(GrowingArea).exists()) return false;
      await bulkInsert(em, GrowingArea, data.areas);
      await bulkInsert(em, GrowingAreaMarket, data.areaMarkets);
      await bulkInsert(em, PackingFacility, data.facilities);
      await bulkInsert(em, PackingFacilityProduct, data.facilityProducts);
      await bulkInsert(em, PackingFacilityMarket, data.facilityMarkets);
      await bulkInsert(em, PackingFacilitySource, data.facilitySources);
      return true;
    });
    if (written) {
      this.logger.log({
        msg: 'demo growing-area codes and packing facilities created',
        growingAreas: data.areas.length,
        packingFacilities: data.facilities.length,
        sources: data.facilitySources.length,
      });
    }
  }
}

const int = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

function shuffle<T>(rand: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A day in [from, to], both included. */
const dayIn = (rand: () => number, from: string, to: string) =>
  addDays(from, int(rand, 0, Math.max(0, daysBetween(from, to))));

/** Spreads `count` over weighted items by largest remainder: deterministic, sums exactly. */
function apportion<T>(items: Array<[T, number]>, count: number): T[] {
  const total = items.reduce((n, [, w]) => n + w, 0);
  const shares = items.map(([item, w], i) => ({ item, i, exact: (w * count) / total }));
  const out = shares.map((s) => ({ ...s, n: Math.floor(s.exact) }));
  let left = count - out.reduce((n, s) => n + s.n, 0);
  for (const s of [...out].sort((a, b) => b.exact - b.n - (a.exact - a.n) || a.i - b.i)) {
    if (left-- <= 0) break;
    s.n++;
  }
  return out.flatMap((s) => Array.from({ length: s.n }, () => s.item));
}

interface Schedule {
  issuedOn: string;
  lastInspectedOn: string | null;
  nextInspectionDue: string;
}

/**
 * Issue and inspection dates for one certificate. Active ones are mostly inspected on time; about
 * one in seven is overdue and one in eight falls due within 30 days of DEMO_AS_OF.
 */
function schedule(rand: () => number, status: CertificationStatus, months: number): Schedule {
  const due = (base: string) => addMonths(base, months);
  if (status === 'pending') {
    const issuedOn = dayIn(rand, '2026-08-01', addDays(DEMO_AS_OF, -3));
    return { issuedOn, lastInspectedOn: null, nextInspectionDue: due(issuedOn) };
  }
  if (status === 'revoked' || status === 'suspended') {
    // The last inspection is the one that found the breach.
    const inspected = dayIn(rand, status === 'revoked' ? '2024-06-01' : '2025-09-01', '2026-10-31');
    const issuedOn = dayIn(rand, FIRST_ISSUE, addDays(inspected, -90));
    return { issuedOn, lastInspectedOn: inspected, nextInspectionDue: due(inspected) };
  }
  const cycleStart = addMonths(DEMO_AS_OF, -months); // a base on this day falls due on DEMO_AS_OF
  const roll = rand();
  const base =
    roll < 0.14
      ? dayIn(rand, addDays(cycleStart, -150), addDays(cycleStart, -1)) // overdue
      : roll < 0.27
        ? dayIn(rand, addDays(cycleStart, 1), addDays(cycleStart, 30)) // due within 30 days
        : dayIn(rand, addDays(cycleStart, 31), addDays(DEMO_AS_OF, -2));
  if (rand() < 0.22) return { issuedOn: base, lastInspectedOn: null, nextInspectionDue: due(base) };
  const issuedOn = dayIn(rand, FIRST_ISSUE, addDays(base, -60));
  return { issuedOn, lastInspectedOn: base, nextInspectionDue: due(base) };
}

/** Builds every demo row; pure and deterministic (the ids too). */
export function generateDemoCertificates(
  operators: DemoOperators,
  intervalMonths: Record<CertificateKind, number> = { export: 6, domestic: 12 },
): DemoCertificates {
  const rand = prng(SEED);
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const crops = new Set(products.filter((p) => p.kind === 'crop').map((p) => p.code));
  for (const chain of CHAINS) {
    if (!crops.has(chain.productCode))
      throw new Error(`demo seed: ${chain.productCode} is not a crop in products.json`);
    for (const [code] of chain.communes)
      if (!communeByCode.has(code)) throw new Error(`demo seed: commune ${code} is not in communes.json`);
  }

  // One slot per code: product, kind, markets, commune, raw area.
  const slots = CHAINS.flatMap((chain) => {
    const kinds: Array<{ kind: CertificateKind; markets: string[] }> = [
      ...chain.exportMarkets.flatMap(([markets, n]) =>
        Array.from({ length: n }, () => ({ kind: 'export' as const, markets })),
      ),
      ...Array.from({ length: chain.domestic }, () => ({ kind: 'domestic' as const, markets: [] })),
    ];
    const places = shuffle(rand, apportion(chain.communes, kinds.length));
    return kinds.map((k, i) => {
      const [min, max] = chain.ha;
      const ha = (min + rand() * (max - min)) * (k.kind === 'domestic' ? 0.6 : 1);
      return { ...k, productCode: chain.productCode, communeCode: places[i], rawHundredths: ha * 100 };
    });
  });

  // Scale the areas to the planned total, in hundredths of a hectare, exactly.
  const rawTotal = slots.reduce((n, s) => n + s.rawHundredths, 0);
  const hundredths = slots.map((s) =>
    Math.max(1, Math.floor((s.rawHundredths * TOTAL_AREA_HUNDREDTHS) / rawTotal)),
  );
  let spare = TOTAL_AREA_HUNDREDTHS - hundredths.reduce((n, h) => n + h, 0);
  for (let i = 0; spare > 0; i = (i + 1) % hundredths.length, spare--) hundredths[i]++;

  const statuses = shuffle(rand, [
    ...STATUS_COUNTS.flatMap(([status, n]) => Array.from({ length: n }, () => status)),
    ...Array.from(
      { length: slots.length - STATUS_COUNTS.reduce((n, [, c]) => n + c, 0) },
      () => 'active' as const,
    ),
  ]);

  const drafts = slots.map((slot, i) => ({
    ...slot,
    id: seededUuid(rand),
    areaHa: hundredths[i] / 100,
    status: statuses[i],
    ...schedule(rand, statuses[i], intervalMonths[slot.kind]),
  }));
  // Numbered per district in issue order, as the Chi cục issues them.
  drafts.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id));
  const serial = new Map<string, number>();
  const areas: AreaRow[] = drafts.map((d) => {
    const letters = DISTRICT_LETTERS[communeByCode.get(d.communeCode)!.formerDistricts[0]];
    const n = (serial.get(letters) ?? 0) + 1;
    serial.set(letters, n);
    return {
      id: d.id,
      code: `VN-LS${letters}-${String(n).padStart(4, '0')}`,
      kind: d.kind,
      productCode: d.productCode,
      areaHa: d.areaHa,
      plottedHa: 0,
      communeCode: d.communeCode,
      cooperativeId:
        d.productCode === 'custard-apple' && d.communeCode === '06427' ? operators.cooperativeId : null,
      boundary: null,
      boundaryAreaHa: null,
      issuer: ISSUER,
      marketsKey: marketsKeyOf(d.markets),
      issuedOn: d.issuedOn,
      status: d.status,
      lastInspectedOn: d.lastInspectedOn,
      nextInspectionDue: d.nextInspectionDue,
      version: 1,
    };
  });
  const marketsOf = new Map(drafts.map((d) => [d.id, d.markets]));
  const areaMarkets = drafts.flatMap((d) => d.markets.map((market) => ({ growingAreaId: d.id, market })));

  const facilities: FacilityRow[] = [];
  const facilityProducts: DemoCertificates['facilityProducts'] = [];
  const facilityMarkets: DemoCertificates['facilityMarkets'] = [];
  const facilitySources: DemoCertificates['facilitySources'] = [];
  FACILITIES.forEach((plan, i) => {
    const id = seededUuid(rand);
    const kind: CertificateKind = plan.markets.some((m) => m !== 'VN') ? 'export' : 'domestic';
    const district = communeByCode.get(plan.communeCode)?.formerDistricts[0];
    if (!district) throw new Error(`demo seed: commune ${plan.communeCode} is not in communes.json`);
    facilities.push({
      id,
      code: `VN-LSDG-${String(i + 1).padStart(4, '0')}`,
      name: plan.name,
      kind,
      communeCode: plan.communeCode,
      operatorCooperativeId: plan.operator === 'cooperative' ? operators.cooperativeId : null,
      operatorEnterpriseId: plan.operator === 'enterprise' ? operators.enterpriseId : null,
      capacityTonnesPerDay: plan.capacityTonnesPerDay,
      status: 'active',
      ...schedule(rand, 'active', intervalMonths[kind]),
      version: 1,
    });
    facilityProducts.push(
      ...plan.productCodes.map((productCode) => ({ packingFacilityId: id, productCode })),
    );
    facilityMarkets.push(...plan.markets.map((market) => ({ packingFacilityId: id, market })));

    // The sourcing rule (packing-facilities/sourcing-rule.ts): active codes of a product it packs;
    // an export facility only export codes listing a market it serves. Nearest codes first.
    const eligible = areas.filter(
      (a) =>
        a.status === 'active' &&
        plan.productCodes.includes(a.productCode) &&
        (kind === 'domestic' ||
          (a.kind === 'export' && marketsOf.get(a.id)!.some((m) => plan.markets.includes(m)))),
    );
    const distance = (a: AreaRow) =>
      a.communeCode === plan.communeCode
        ? 0
        : communeByCode.get(a.communeCode)!.formerDistricts.includes(district)
          ? 1
          : 2;
    // Each product it packs in turn, so a mixed facility sources from every chain it serves.
    const byProduct = plan.productCodes.map((productCode) =>
      eligible
        .filter((a) => a.productCode === productCode)
        .map((a) => ({ a, key: distance(a) + rand() * 1.5 }))
        .sort((x, y) => x.key - y.key)
        .map((x) => x.a),
    );
    const ranked = Array.from({ length: Math.max(...byProduct.map((l) => l.length)) }, (_, k) =>
      byProduct.flatMap((l) => (k < l.length ? [l[k]] : [])),
    ).flat();
    const count = Math.min(int(rand, 3, 10), ranked.length);
    if (count < 3) throw new Error(`demo seed: only ${ranked.length} eligible sources for ${plan.name}`);
    facilitySources.push(
      ...ranked.slice(0, count).map((a) => ({ packingFacilityId: id, growingAreaId: a.id })),
    );
  });

  return { areas, areaMarkets, facilities, facilityProducts, facilityMarkets, facilitySources };
}
