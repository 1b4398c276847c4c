export type CccdGender = 'male' | 'female';

export interface CccdInfo {
  provinceCode: string;
  gender: CccdGender;
  birthYear: number;
}

export const LANG_SON_PROVINCE_CODE = '020';

/** Province codes of the 63 provinces, as printed in digits 1–3 of a CCCD. */
export const CCCD_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', // Hà Nội
  '002', // Hà Giang
  '004', // Cao Bằng
  '006', // Bắc Kạn
  '008', // Tuyên Quang
  '010', // Lào Cai
  '011', // Điện Biên
  '012', // Lai Châu
  '014', // Sơn La
  '015', // Yên Bái
  '017', // Hoà Bình
  '019', // Thái Nguyên
  LANG_SON_PROVINCE_CODE, // Lạng Sơn
  '022', // Quảng Ninh
  '024', // Bắc Giang
  '025', // Phú Thọ
  '026', // Vĩnh Phúc
  '027', // Bắc Ninh
  '030', // Hải Dương
  '031', // Hải Phòng
  '033', // Hưng Yên
  '034', // Thái Bình
  '035', // Hà Nam
  '036', // Nam Định
  '037', // Ninh Bình
  '038', // Thanh Hoá
  '040', // Nghệ An
  '042', // Hà Tĩnh
  '044', // Quảng Bình
  '045', // Quảng Trị
  '046', // Thừa Thiên Huế
  '048', // Đà Nẵng
  '049', // Quảng Nam
  '051', // Quảng Ngãi
  '052', // Bình Định
  '054', // Phú Yên
  '056', // Khánh Hoà
  '058', // Ninh Thuận
  '060', // Bình Thuận
  '062', // Kon Tum
  '064', // Gia Lai
  '066', // Đắk Lắk
  '067', // Đắk Nông
  '068', // Lâm Đồng
  '070', // Bình Phước
  '072', // Tây Ninh
  '074', // Bình Dương
  '075', // Đồng Nai
  '077', // Bà Rịa–Vũng Tàu
  '079', // TP Hồ Chí Minh
  '080', // Long An
  '082', // Tiền Giang
  '083', // Bến Tre
  '084', // Trà Vinh
  '086', // Vĩnh Long
  '087', // Đồng Tháp
  '089', // An Giang
  '091', // Kiên Giang
  '092', // Cần Thơ
  '093', // Hậu Giang
  '094', // Sóc Trăng
  '095', // Bạc Liêu
  '096', // Cà Mau
]);

const CCCD_PATTERN = /^(\d{3})(\d)(\d{2})\d{6}$/;

/**
 * Reads province, gender and birth year out of a CCCD. Digit 4 is the gender/century digit:
 * even = male, odd = female; 0/1 → 1900s, 2/3 → 2000s, … 8/9 → 2300s.
 */
export function parseCccd(id: string): CccdInfo | null {
  const match = typeof id === 'string' ? CCCD_PATTERN.exec(id) : null;
  if (!match || !CCCD_PROVINCE_CODES.has(match[1])) {
    return null;
  }
  const genderCentury = Number(match[2]);
  return {
    provinceCode: match[1],
    gender: genderCentury % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + Math.floor(genderCentury / 2) * 100 + Number(match[3]),
  };
}

export function isCccd(value: unknown): boolean {
  return typeof value === 'string' && parseCccd(value) !== null;
}

export type CccdDisagreement =
  | { kind: 'invalid' }
  | { kind: 'birthYear'; cccdBirthYear: number; givenBirthYear: number }
  | { kind: 'gender'; cccdGender: CccdGender; givenGender: CccdGender };

/** Structured form of {@link cccdMismatch}, so callers can word the reason themselves. */
export function findCccdDisagreement(
  id: string,
  birthYear?: number,
  gender?: CccdGender,
): CccdDisagreement | null {
  const info = parseCccd(id);
  if (!info) {
    return { kind: 'invalid' };
  }
  if (birthYear !== undefined && info.birthYear !== birthYear) {
    return { kind: 'birthYear', cccdBirthYear: info.birthYear, givenBirthYear: birthYear };
  }
  if (gender !== undefined && info.gender !== gender) {
    return { kind: 'gender', cccdGender: info.gender, givenGender: gender };
  }
  return null;
}

/**
 * Why the CCCD disagrees with the given birth year / gender, or null when it agrees.
 * An invalid CCCD never agrees, so it yields a reason too.
 */
export function cccdMismatch(id: string, birthYear?: number, gender?: CccdGender): string | null {
  const disagreement = findCccdDisagreement(id, birthYear, gender);
  if (!disagreement) {
    return null;
  }
  switch (disagreement.kind) {
    case 'invalid':
      return 'CCCD is not valid: it must be 12 digits whose first three are a province code (001–096)';
    case 'birthYear':
      return `CCCD says birth year ${disagreement.cccdBirthYear} but birth year is ${disagreement.givenBirthYear}`;
    case 'gender':
      return `CCCD says ${disagreement.cccdGender} but gender is ${disagreement.givenGender}`;
  }
}
