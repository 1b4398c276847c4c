/** Realistic, deterministic households for benchmarks: Vietnamese names, the 54 groups, real communes. */
import { foldVietnamese } from '../libs/vn-identity/src';
import { pick, seededUuid } from '../src/database/seeds/prng';
import communes from '../src/database/seeds/reference/communes.json';

const SURNAMES = [
  'Nguyễn',
  'Hoàng',
  'Nông',
  'Lý',
  'Vi',
  'Hà',
  'Lương',
  'Triệu',
  'Lục',
  'Đinh',
  'Mã',
  'Chu',
  'Dương',
  'Lâm',
  'Bế',
  'Đàm',
  'La',
  'Tô',
  'Hứa',
  'Phùng',
  'Lộc',
  'Chu',
  'Trần',
  'Lê',
  'Phạm',
];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Thanh', 'Quang', 'Hữu', 'Công', 'Xuân'];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Hồng', 'Thanh'];
const GIVEN_MALE = [
  'Thụ',
  'Hùng',
  'Bình',
  'Sơn',
  'Dũng',
  'Hải',
  'Tuấn',
  'Cường',
  'Thắng',
  'Long',
  'Phúc',
  'Đạt',
  'Khải',
  'Toàn',
  'Nghĩa',
  'Quý',
];
const GIVEN_FEMALE = [
  'Đào',
  'Mai',
  'Lan',
  'Hoa',
  'Hương',
  'Thảo',
  'Nga',
  'Hằng',
  'Liên',
  'Hạnh',
  'Yến',
  'Nhung',
  'Thơm',
  'Huệ',
  'Duyên',
  'Ánh',
];
const VILLAGES = [
  'Nà Phái',
  'Bản Chu',
  'Khau Slăn',
  'Pác Cáp',
  'Nà Làng',
  'Còn Quyền',
  'Bó Củng',
  'Làng Ngò',
  'Nà Thuộc',
  'Pò Háng',
  'Khuổi Khe',
  'Bản Vàng',
  'Nà Phục',
  'Cốc Lùng',
  'Phai Làng',
  'Nà Pàn',
  'Bản Giềng',
  'Tà Lài',
  'Lũng Vài',
  'Khòn Quang',
];
/** Tày, Nùng, Kinh, Dao, Sán Chay, Hoa, Mông carry most; every one of the 54 appears. */
const ETHNICITY_WEIGHTS: Array<[string, number]> = [
  ['02', 35],
  ['07', 42],
  ['01', 16],
  ['09', 4],
  ['13', 1],
  ['04', 1],
  ['08', 1],
  ...Array.from({ length: 54 }, (_, i) => [String(i + 1).padStart(2, '0'), 0.02] as [string, number]),
];
const POVERTY: Array<[string, number]> = [
  ['poor', 12],
  ['near_poor', 10],
  ['escaped', 8],
  ['average', 30],
  ['none', 40],
];

/** The platform's seeded PRNG, so every run generates the same register. */
export { prng as random } from '../src/database/seeds/prng';

function weighted(rand: () => number, table: Array<[string, number]>): string {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [value, w] of table) if ((x -= w) <= 0) return value;
  return table[0][0];
}

export const COMMUNE_CODES = communes.map((c) => c.code);
/** Each million of serials gets its own (real) province code, so CCCDs never collide. */
const PROVINCES = ['020', '022', '024', '025', '026', '027', '030', '031'];

export interface GeneratedHousehold {
  id: string;
  headName: string;
  searchKey: string;
  givenNameKey: string;
  nationalId: string;
  gender: 'male' | 'female';
  birthYear: number;
  ethnicity: string;
  phone: string | null;
  communeCode: string;
  village: string;
  villageKey: string;
  memberCount: number;
  povertyStatus: string;
  povertyAssessedYear: number;
}

/** Household `index` of a run; `serialBase` keeps CCCDs of different runs apart. */
export function household(
  rand: () => number,
  index: number,
  serialBase = 0,
  communeCode?: string,
): GeneratedHousehold {
  const gender = rand() < 0.62 ? 'male' : 'female';
  const headName = `${pick(rand, SURNAMES)} ${pick(rand, gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE)} ${pick(rand, gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE)}`;
  const birthYear = 1940 + Math.floor(rand() * 66);
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  const serial = String(serialBase + index)
    .padStart(6, '0')
    .slice(-6);
  const searchKey = foldVietnamese(headName);
  const village = `Thôn ${pick(rand, VILLAGES)}`;
  return {
    id: seededUuid(rand),
    headName,
    searchKey,
    givenNameKey: searchKey.split(' ').pop()!,
    nationalId: `${PROVINCES[Math.floor((serialBase + index) / 1_000_000)]}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`,
    gender,
    birthYear,
    ethnicity: weighted(rand, ETHNICITY_WEIGHTS),
    phone: rand() < 0.7 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null,
    communeCode: communeCode ?? pick(rand, COMMUNE_CODES),
    village,
    villageKey: foldVietnamese(village),
    memberCount: 1 + Math.floor(rand() * 8),
    povertyStatus: weighted(rand, POVERTY),
    povertyAssessedYear: 2025,
  };
}
