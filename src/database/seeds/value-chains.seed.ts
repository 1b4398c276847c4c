import { Injectable, Logger } from '@nestjs/common';
import { foldVietnamese } from '@lienket/vn-identity';
import { DataSource, EntityManager, In } from 'typeorm';
import { Contract, ContractSource } from '../../contracts/contract.entity';
import { Cooperative } from '../../cooperatives/cooperative.entity';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { Forecast } from '../../forecasts/forecast.entity';
import { GrowingArea } from '../../growing-areas/growing-area.entity';
import { householdNameKeys, villageKey } from '../../households/household-keys';
import { Household } from '../../households/household.entity';
import { CooperativeMember } from '../../memberships/cooperative-member.entity';
import { SupportRecord } from '../../support/support-record.entity';
import { Disbursement } from '../../value-chains/disbursement.entity';
import {
  NO_CAPITAL_TYPE,
  ValueChain,
  ValueChainBudget,
  ValueChainCommune,
  ValueChainHousehold,
  ValueChainPartner,
} from '../../value-chains/value-chain.entity';
import { bulkInsert } from '../bulk-insert';
import type { DemoOperators } from './certificates.seed';
import { pick, prng, seededUuid, splitHundredths } from './prng';

const MILLION = 1_000_000;

/** SPEC §7: the five chains with exactly these households and areas (duck also counts heads). */
interface ChainSeed {
  productCode: string;
  name: string;
  households: number;
  areaHa: number;
  communes: string[];
  cooperative?: { name: string; taxCode: string; communeCode: string; directorName: string };
  enterprise?: {
    name: string;
    taxCode: string;
    kind: Enterprise['kind'];
    communeCode: string;
    markets: string[];
  };
  /** 2023 state capital in million VND: [investment, recurrent], and what was paid in 2023. */
  state: [number, number];
  paid2023: [number, number];
}

const CHAINS: ChainSeed[] = [
  {
    productCode: 'duck',
    name: 'Chuỗi giá trị vịt quay Lạng Sơn, Chi Lăng',
    households: 48,
    areaHa: 7,
    communes: ['06463', '06475', '06481'],
    cooperative: {
      name: 'Hợp tác xã Chăn nuôi vịt Chi Lăng',
      taxCode: '4900611201',
      communeCode: '06463',
      directorName: 'Nông Văn Tiến',
    },
    enterprise: {
      name: 'Công ty TNHH Thực phẩm Vịt quay Chi Lăng',
      taxCode: '4900611202',
      kind: 'processor',
      communeCode: '06463',
      markets: ['VN'],
    },
    state: [2_150, 3_400],
    paid2023: [1_700, 900],
  },
  {
    productCode: 'chestnut',
    name: 'Chuỗi giá trị hạt dẻ Lương Văn Tri',
    households: 20,
    areaHa: 10,
    communes: ['05983'],
    cooperative: {
      name: 'Hợp tác xã Hạt dẻ Lương Văn Tri',
      taxCode: '4900611203',
      communeCode: '05983',
      directorName: 'Hoàng Thị Dung',
    },
    enterprise: {
      name: 'Công ty CP Nông sản Đông Bắc',
      taxCode: '4900611204',
      kind: 'trader',
      communeCode: '05983',
      markets: ['VN', 'CN'],
    },
    state: [1_100, 1_650],
    paid2023: [850, 300],
  },
  {
    productCode: 'grass-jelly',
    name: 'Chuỗi giá trị thạch đen Tràng Định – Văn Quan',
    households: 103,
    areaHa: 50,
    communes: ['06019', '06001', '06040', '06253'],
    cooperative: {
      name: 'Hợp tác xã Thạch đen Tràng Định',
      taxCode: '4900611205',
      communeCode: '06040',
      directorName: 'Lý Văn Thành',
    },
    enterprise: {
      name: 'Công ty TNHH Thạch đen Xứ Lạng',
      taxCode: '4900611206',
      kind: 'exporter',
      communeCode: '06040',
      markets: ['CN', 'TW', 'VN'],
    },
    state: [4_800, 6_200],
    paid2023: [3_600, 1_250],
  },
  {
    productCode: 'persimmon',
    name: 'Chuỗi giá trị hồng Vành Khuyên Hoàng Văn Thụ',
    households: 16,
    areaHa: 33,
    communes: ['06172'],
    cooperative: {
      name: 'Hợp tác xã Hồng Vành Khuyên',
      taxCode: '4900611207',
      communeCode: '06172',
      directorName: 'Vi Văn Khánh',
    },
    enterprise: {
      name: 'Công ty TNHH Trái cây Văn Lãng',
      taxCode: '4900611208',
      kind: 'trader',
      communeCode: '06172',
      markets: ['VN', 'CN'],
    },
    state: [1_900, 2_300],
    paid2023: [1_450, 500],
  },
  {
    productCode: 'custard-apple',
    name: 'Chuỗi giá trị na Cai Kinh',
    households: 38,
    areaHa: 24,
    communes: ['06427'],
    state: [2_600, 3_100],
    paid2023: [2_050, 700],
  },
];

/**
 * SPEC §7: programme 1719 capital of 2023 in the province — plan 570,354 (investment) and 618,246
 * (recurrent) million VND; paid by 31/12/2023 430,192 and 122,614. The five chains hold part of it;
 * the rest of the programme's 2023 capital is one summary model, so the report adds up to the
 * province's figures.
 */
const PROGRAMME_2023 = { plan: [570_354, 618_246], paid: [430_192, 122_614] } as const;

const SURNAMES: Record<string, string[]> = {
  '01': ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đỗ'],
  '02': ['Hoàng', 'Nông', 'Lý', 'Vi', 'Hà', 'Lương', 'Đinh', 'Bế', 'Đàm', 'La', 'Mã'],
  '07': ['Hoàng', 'Lục', 'Chu', 'Dương', 'Lâm', 'Hứa', 'Phùng', 'Lộc', 'Triệu', 'Mông'],
  '09': ['Triệu', 'Bàn', 'Đặng', 'Lý'],
  '15': ['Hoàng', 'Lục', 'La'],
  '04': ['Lâm', 'Trương', 'Hà'],
  '08': ['Giàng', 'Thào', 'Vàng'],
};
const ETHNICITY_WEIGHTS: Array<[string, number]> = [
  ['02', 36],
  ['07', 34],
  ['01', 16],
  ['09', 7],
  ['15', 4],
  ['04', 2],
  ['08', 1],
];
const MIDDLE = {
  male: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công'],
  female: ['Thị', 'Thị', 'Thu', 'Ngọc'],
};
const GIVEN = {
  male: [
    'Thắng',
    'Hùng',
    'Bình',
    'Sơn',
    'Dũng',
    'Hải',
    'Tuấn',
    'Cường',
    'Long',
    'Phúc',
    'Khải',
    'Nghĩa',
    'Quý',
    'Tiến',
    'Toàn',
  ],
  female: [
    'Đào',
    'Mai',
    'Lan',
    'Hoa',
    'Hương',
    'Thảo',
    'Nga',
    'Hằng',
    'Liên',
    'Yến',
    'Nhung',
    'Thơm',
    'Huệ',
    'Duyên',
  ],
};
const VILLAGES = [
  'Nà Phái',
  'Bản Chu',
  'Khau Slăn',
  'Pác Cáp',
  'Nà Làng',
  'Làng Ngò',
  'Pò Háng',
  'Khuổi Khe',
  'Cốc Lùng',
  'Nà Pàn',
];
const POVERTY: Array<[Household['povertyStatus'], number]> = [
  ['poor', 18],
  ['near_poor', 16],
  ['escaped', 10],
  ['average', 30],
  ['none', 26],
];
/** kg per hectare for the demo forecasts (grass jelly from products.json; the others typical). */
const YIELD: Record<string, number> = {
  'custard-apple': 9_000,
  'grass-jelly': 5_300,
  persimmon: 7_000,
  chestnut: 1_500,
  'star-anise': 1_000,
};

function weighted<T>(rand: () => number, table: Array<[T, number]>): T {
  let x = rand() * table.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

/**
 * The five value chains of SPEC §7 for the embedded default: cooperatives and an enterprise per
 * chain, 225 households (Tày, Nùng, Kinh, Dao…) with their memberships and 1719 support, the models
 * with budgets and 2023 disbursements, next season's forecasts and two active custard-apple
 * contracts, so the reports and /supply show real figures. Deterministic; skipped when a model exists.
 */
@Injectable()
export class ValueChainsSeed {
  private readonly logger = new Logger(ValueChainsSeed.name);

  constructor(private readonly dataSource: DataSource) {}

  async run(operators: DemoOperators): Promise<void> {
    const written = await this.dataSource.transaction(async (em) => {
      if (await em.getRepository(ValueChain).exists()) return false;
      await this.write(em, operators);
      return true;
    });
    if (written) this.logger.log({ msg: 'demo value chains created', chains: CHAINS.length });
  }

  private async write(em: EntityManager, operators: DemoOperators): Promise<void> {
    const rand = prng(0x1719_2023);
    let serial = 0;
    const paidLeft = [...PROGRAMME_2023.paid.map((p) => p * MILLION)];
    const planLeft = [...PROGRAMME_2023.plan.map((p) => p * MILLION)];
    const chainCooperatives: string[] = [];
    for (const chain of CHAINS) {
      const cooperativeId = chain.cooperative ? seededUuid(rand) : operators.cooperativeId;
      const enterpriseId = chain.enterprise ? seededUuid(rand) : operators.enterpriseId;
      chainCooperatives.push(cooperativeId);
      if (chain.cooperative) {
        await bulkInsert(em, Cooperative, [
          {
            id: cooperativeId,
            ...chain.cooperative,
            searchKey: foldVietnamese(chain.cooperative.name),
            status: 'active',
            version: 1,
          },
        ]);
      }
      if (chain.enterprise) {
        await bulkInsert(em, Enterprise, [
          {
            id: enterpriseId,
            ...chain.enterprise,
            searchKey: foldVietnamese(chain.enterprise.name),
            version: 1,
          },
        ]);
      }
      const households = Array.from({ length: chain.households }, () =>
        this.household(rand, ++serial, pick(rand, chain.communes)),
      );
      await bulkInsert(em, Household, households);
      await bulkInsert(
        em,
        CooperativeMember,
        households.map((h) => ({
          id: seededUuid(rand),
          cooperativeId,
          householdId: h.id,
          activeHouseholdId: h.id,
          role: 'member' as const,
          joinedOn: '2023-03-01',
          leftOn: null,
        })),
      );
      const valueChainId = seededUuid(rand);
      await bulkInsert(em, ValueChain, [
        {
          id: valueChainId,
          name: chain.name,
          searchKey: foldVietnamese(chain.name),
          productCode: chain.productCode,
          programme: '1719',
          leadCooperativeId: cooperativeId,
          leadEnterpriseId: null,
          startsOn: '2023-03-01',
          endsOn: '2025-12-31',
          decisionNumber: `${300 + serial}/QĐ-UBND`,
          decisionDate: '2023-02-15',
          status: 'implementing',
          version: 1,
        },
      ]);
      await bulkInsert(em, ValueChainPartner, [
        { valueChainId, partnerType: 'enterprise', partnerId: enterpriseId },
      ]);
      await bulkInsert(
        em,
        ValueChainCommune,
        chain.communes.map((communeCode) => ({ valueChainId, communeCode })),
      );
      const [inv, rec] = chain.state.map((m) => m * MILLION);
      const [paidInv, paidRec] = chain.paid2023.map((m) => m * MILLION);
      planLeft[0] -= inv;
      planLeft[1] -= rec;
      paidLeft[0] -= paidInv;
      paidLeft[1] -= paidRec;
      await this.budget(em, valueChainId, inv, rec, paidInv, paidRec, [
        Math.round((inv + rec) * 0.1),
        Math.round((inv + rec) * 0.15),
        Math.round((inv + rec) * 0.2),
      ]);
      const areas = splitHundredths(rand, Math.round(chain.areaHa * 100), chain.households);
      const livestock = chain.productCode === 'duck';
      await bulkInsert(
        em,
        ValueChainHousehold,
        households.map((h, i) => ({
          valueChainId,
          householdId: h.id,
          areaHa: areas[i] / 100,
          heads: livestock ? 200 + Math.floor(rand() * 400) : null,
          joinedOn: '2023-03-15',
          overrideReason: null,
        })),
      );
      await bulkInsert(
        em,
        SupportRecord,
        households.map((h) => ({
          id: seededUuid(rand),
          householdId: h.id,
          programme: '1719' as const,
          valueChainId,
          kind: livestock ? ('livestock' as const) : ('seedlings' as const),
          valueVnd: (3 + Math.floor(rand() * 8)) * MILLION,
          supportedOn: '2023-04-10',
          year: 2023,
          reference: `Phiếu cấp ${serial}/2023`,
          overrideReason: null,
          createdBy: operators.cooperativeId,
        })),
      );
    }
    // Led by a seeded cooperative no demo user belongs to: the summary is for officials' reports.
    await this.programmeRemainder(em, chainCooperatives[0], planLeft, paidLeft, rand);
    await this.forecastsAndContracts(em, operators, rand);
  }

  /** Budget lines and the 2023 payments against them, split in a few vouchers. */
  private async budget(
    em: EntityManager,
    valueChainId: string,
    inv: number,
    rec: number,
    paidInv: number,
    paidRec: number,
    [counterpart, household, enterprise]: number[],
  ): Promise<void> {
    await bulkInsert(em, ValueChainBudget, [
      { valueChainId, source: 'state', capitalType: 'investment', amountVnd: inv, disbursedVnd: paidInv },
      { valueChainId, source: 'state', capitalType: 'recurrent', amountVnd: rec, disbursedVnd: paidRec },
      {
        valueChainId,
        source: 'counterpart',
        capitalType: NO_CAPITAL_TYPE,
        amountVnd: counterpart,
        disbursedVnd: 0,
      },
      {
        valueChainId,
        source: 'household',
        capitalType: NO_CAPITAL_TYPE,
        amountVnd: household,
        disbursedVnd: 0,
      },
      {
        valueChainId,
        source: 'enterprise',
        capitalType: NO_CAPITAL_TYPE,
        amountVnd: enterprise,
        disbursedVnd: 0,
      },
    ]);
    const payments = [
      ['investment', Math.floor(paidInv / 2), '2023-06-20'],
      ['investment', paidInv - Math.floor(paidInv / 2), '2023-11-28'],
      ['recurrent', paidRec, '2023-12-15'],
    ] as const;
    await bulkInsert(
      em,
      Disbursement,
      payments
        .filter(([, amount]) => amount > 0)
        .map(([capitalType, amountVnd, paidOn], i) => ({
          id: seededUuid(prng(amountVnd + i)),
          valueChainId,
          source: 'state' as const,
          capitalType,
          amountVnd,
          paidOn,
          voucher: `UNC ${paidOn.slice(5, 7)}${i}/2023`,
          createdBy: valueChainId,
        })),
    );
  }

  /** The rest of the province's 2023 programme-1719 capital, as one summary model. */
  private async programmeRemainder(
    em: EntityManager,
    leadCooperativeId: string,
    [inv, rec]: number[],
    [paidInv, paidRec]: number[],
    rand: () => number,
  ): Promise<void> {
    const valueChainId = seededUuid(rand);
    const name = 'Vốn CTMTQG 1719 năm 2023 – các dự án, mô hình khác toàn tỉnh (số liệu tổng hợp)';
    await bulkInsert(em, ValueChain, [
      {
        id: valueChainId,
        name,
        searchKey: foldVietnamese(name),
        productCode: 'star-anise',
        programme: '1719',
        leadCooperativeId,
        leadEnterpriseId: null,
        startsOn: '2023-01-01',
        endsOn: '2025-12-31',
        decisionNumber: '1719/QĐ-UBND-TH',
        decisionDate: '2023-01-01',
        status: 'implementing',
        version: 1,
      },
    ]);
    await this.budget(em, valueChainId, inv, rec, paidInv, paidRec, [0, 0, 0]);
  }

  /** Next season's forecasts for every active code, and two active custard-apple contracts. */
  private async forecastsAndContracts(
    em: EntityManager,
    operators: DemoOperators,
    rand: () => number,
  ): Promise<void> {
    const areas = await em.find(GrowingArea, {
      where: { status: 'active', productCode: In(Object.keys(YIELD)) },
    });
    const season: Record<string, [string, string]> = {
      'custard-apple': ['2027-08-01', '2027-09-30'],
      'grass-jelly': ['2027-07-01', '2027-08-31'],
      persimmon: ['2027-08-15', '2027-10-31'],
      chestnut: ['2027-08-15', '2027-10-15'],
      'star-anise': ['2027-08-01', '2027-10-31'],
    };
    const forecasts = areas.map((g) => ({
      id: seededUuid(rand),
      growingAreaId: g.id,
      productCode: g.productCode,
      periodStart: season[g.productCode][0],
      periodEnd: season[g.productCode][1],
      volume: Math.round(g.areaHa * YIELD[g.productCode] * (0.8 + rand() * 0.3)),
      createdBy: operators.cooperativeId,
    }));
    await bulkInsert(em, Forecast, forecasts);
    // The demo cooperative's custard-apple codes supply the demo enterprise: about half of their
    // forecast, committed in the order activation would (largest first).
    const mine = forecasts
      .filter((f) => areas.find((g) => g.id === f.growingAreaId)?.cooperativeId === operators.cooperativeId)
      .sort((a, b) => b.volume - a.volume);
    const halves = [mine.filter((_, i) => i % 2 === 0), mine.filter((_, i) => i % 2 === 1)];
    for (const [i, sources] of halves.entries()) {
      if (!sources.length) continue;
      const contractId = seededUuid(rand);
      const committed = sources.map((f) => ({
        growingAreaId: f.growingAreaId,
        volume: Math.round(f.volume * 0.5),
      }));
      await bulkInsert(em, Contract, [
        {
          id: contractId,
          enterpriseId: operators.enterpriseId,
          cooperativeId: operators.cooperativeId,
          householdId: null,
          valueChainId: null,
          productCode: 'custard-apple',
          volume: committed.reduce((n, c) => n + c.volume, 0),
          unit: 'kg',
          priceVndPerUnit: i === 0 ? 28_000 : null,
          floorPriceVndPerUnit: i === 0 ? null : 22_000,
          marketReference: i === 0 ? null : 'Giá chợ đầu mối na Chi Lăng ngày giao hàng',
          deliveryFrom: '2027-08-01',
          deliveryTo: '2027-09-30',
          status: 'active',
          version: 1,
        },
      ]);
      await bulkInsert(
        em,
        ContractSource,
        committed.map((c) => ({
          contractId,
          growingAreaId: c.growingAreaId,
          committedVolume: c.volume,
          atRiskSince: null,
          atRiskReason: null,
        })),
      );
    }
  }

  private household(rand: () => number, serial: number, communeCode: string) {
    const ethnicity = weighted(rand, ETHNICITY_WEIGHTS);
    const gender = rand() < 0.64 ? ('male' as const) : ('female' as const);
    const headName = `${pick(rand, SURNAMES[ethnicity])} ${pick(rand, MIDDLE[gender])} ${pick(rand, GIVEN[gender])}`;
    const birthYear = 1950 + Math.floor(rand() * 50);
    const village = `Thôn ${pick(rand, VILLAGES)}`;
    const poverty = weighted(rand, POVERTY);
    return {
      id: seededUuid(rand),
      headName,
      ...householdNameKeys(headName),
      // 020 = Lạng Sơn; then gender/century (born in the 1900s), birth year, a serial.
      nationalId: `020${gender === 'male' ? 0 : 1}${String(birthYear % 100).padStart(2, '0')}${String(700_000 + serial).padStart(6, '0')}`,
      gender,
      birthYear,
      ethnicity,
      phone: rand() < 0.7 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null,
      communeCode,
      village,
      villageKey: villageKey(village),
      memberCount: 2 + Math.floor(rand() * 6),
      povertyStatus: poverty,
      povertyAssessedYear: 2025,
      consentGivenOn: '2023-03-01',
      consentScope: 'Chương trình 1719 – Dự án 3',
      deletedAt: null,
      deletedReason: null,
      version: 1,
    };
  }
}
