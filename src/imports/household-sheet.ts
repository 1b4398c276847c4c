import { foldVietnamese } from '@lienket/vn-identity';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import type { ImportRowError } from './import-job.entity';
import { communeCodeOf, ReferenceLookups, unknownCommune } from './reference-lookups';
import {
  cellReader,
  COMMUNE_COLUMN,
  PHONE_COLUMN,
  ColumnIndex,
  sheetPhone,
  SheetColumn,
  toIsoDate,
  toRowError,
} from './sheet-columns';
import { validateHouseholdValue } from './household-row-validator';

/** The template's columns, in order; headers are matched without case or diacritics. */
export const HOUSEHOLD_COLUMNS: SheetColumn[] = [
  {
    field: 'headName',
    header: 'Họ tên chủ hộ',
    required: true,
    aliases: ['ho ten', 'ho va ten chu ho', 'headname'],
    hintVi: 'Họ tên chủ hộ không được để trống (tối đa 120 ký tự)',
  },
  {
    field: 'nationalId',
    header: 'Số CCCD',
    required: true,
    aliases: ['cccd', 'so can cuoc', 'so can cuoc cong dan', 'nationalid'],
    hintVi: 'Số CCCD gồm 12 chữ số, 3 số đầu là mã tỉnh, phải khớp giới tính và năm sinh',
  },
  {
    field: 'gender',
    header: 'Giới tính',
    required: true,
    aliases: ['gender'],
    hintVi: 'Giới tính ghi Nam hoặc Nữ',
  },
  {
    field: 'birthYear',
    header: 'Năm sinh',
    required: true,
    aliases: ['birthyear'],
    hintVi: 'Năm sinh là năm có 4 chữ số',
  },
  {
    field: 'ethnicity',
    header: 'Dân tộc',
    required: true,
    aliases: ['ethnicity', 'ma dan toc'],
    hintVi: 'Dân tộc phải có trong danh mục 54 dân tộc (tên hoặc mã)',
  },
  PHONE_COLUMN,
  COMMUNE_COLUMN,
  {
    field: 'village',
    header: 'Thôn',
    required: false,
    aliases: ['thon ban', 'thon/ban', 'ban', 'village'],
    hintVi: 'Tên thôn tối đa 120 ký tự',
  },
  {
    field: 'memberCount',
    header: 'Số nhân khẩu',
    required: true,
    aliases: ['nhan khau', 'membercount'],
    hintVi: 'Số nhân khẩu là số nguyên từ 1 đến 50',
  },
  {
    field: 'povertyStatus',
    header: 'Hộ nghèo/cận nghèo',
    required: true,
    aliases: ['tinh trang ngheo', 'ho ngheo', 'povertystatus'],
    hintVi: 'Ghi: nghèo, cận nghèo, thoát nghèo, trung bình hoặc không',
  },
  {
    field: 'povertyAssessedYear',
    header: 'Năm đánh giá',
    required: false,
    aliases: ['nam ra soat', 'povertyassessedyear'],
    hintVi: 'Năm đánh giá là năm có 4 chữ số',
  },
  {
    field: 'consentGivenOn',
    header: 'Ngày đồng ý chia sẻ dữ liệu',
    required: false,
    aliases: ['ngay dong y', 'consentgivenon'],
    hintVi: 'Ngày ghi dạng dd/mm/yyyy hoặc yyyy-mm-dd',
  },
  {
    field: 'consentScope',
    header: 'Phạm vi đồng ý',
    required: false,
    aliases: ['pham vi', 'consentscope'],
    hintVi: 'Phạm vi đồng ý tối đa 200 ký tự',
  },
];

const POVERTY: Record<string, string> = {
  ngheo: 'poor',
  'ho ngheo': 'poor',
  poor: 'poor',
  'can ngheo': 'near_poor',
  'ho can ngheo': 'near_poor',
  near_poor: 'near_poor',
  'thoat ngheo': 'escaped',
  'ho thoat ngheo': 'escaped',
  escaped: 'escaped',
  'trung binh': 'average',
  'ho trung binh': 'average',
  average: 'average',
  '': 'none',
  khong: 'none',
  none: 'none',
};
const GENDER: Record<string, string> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
};

/** Spreadsheet habits undone: numbers that lost a leading zero, dd/mm/yyyy dates, names for codes. */
export function normalizeHouseholdRow(
  cells: string[],
  index: ColumnIndex,
  refs: ReferenceLookups,
): Record<string, unknown> {
  const get = cellReader(cells, index);
  const digits = (v: string) => v.replace(/[\s.]/g, '');
  const int = (v: string) => (/^\d+$/.test(v) ? Number(v) : v === '' ? undefined : v);
  const optional = (v: string) => (v === '' ? undefined : v);
  let nationalId = digits(get('nationalId'));
  if (/^\d{11}$/.test(nationalId)) nationalId = `0${nationalId}`;
  const ethnicity = get('ethnicity');
  const givenOn = toIsoDate(get('consentGivenOn'));
  const scope = get('consentScope');
  return {
    headName: get('headName'),
    nationalId,
    gender: GENDER[foldVietnamese(get('gender'))] ?? get('gender'),
    birthYear: int(get('birthYear')),
    ethnicity: /^\d{1,2}$/.test(ethnicity)
      ? ethnicity.padStart(2, '0')
      : (refs.ethnicities.get(foldVietnamese(ethnicity)) ?? ethnicity),
    phone: sheetPhone(get('phone')),
    communeCode: communeCodeOf(get('communeCode'), refs),
    village: optional(get('village')),
    memberCount: int(get('memberCount')),
    povertyStatus: POVERTY[foldVietnamese(get('povertyStatus'))] ?? get('povertyStatus'),
    povertyAssessedYear: int(get('povertyAssessedYear')),
    ...(givenOn || scope ? { consent: { givenOn, scope } } : {}),
  };
}

/** Runs the API's own validation on a row, with messages in English and Vietnamese per column. */
export function validateHouseholdRow(
  row: number,
  value: Record<string, unknown>,
  refs: ReferenceLookups,
): { dto?: CreateHouseholdDto; errors: ImportRowError[] } {
  const { dto, errors } = validateHouseholdValue(value);
  const commune = errors.some((e) => e.field === 'communeCode')
    ? null
    : unknownCommune(value.communeCode, refs);
  if (commune) errors.push(commune);
  if (!errors.some((e) => e.field === 'ethnicity') && !refs.ethnicities.has(`#${value.ethnicity}`)) {
    errors.push({
      field: 'ethnicity',
      message: `ethnicity ${String(value.ethnicity)} is not one of the 54 groups`,
    });
  }
  if (!errors.length) return { dto, errors: [] };
  return { errors: errors.map((e) => householdRowError(row, e.field, e.message)) };
}

export const householdRowError = (row: number, field: string, message: string): ImportRowError =>
  toRowError(HOUSEHOLD_COLUMNS, row, field, message);
