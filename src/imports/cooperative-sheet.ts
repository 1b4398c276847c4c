import { CreateCooperativeDto } from '../cooperatives/dto/create-cooperative.dto';
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
  validateAs,
} from './sheet-columns';

export const COOPERATIVE_COLUMNS: SheetColumn[] = [
  {
    field: 'name',
    header: 'Tên hợp tác xã',
    required: true,
    aliases: ['ten htx', 'ten', 'name'],
    hintVi: 'Tên hợp tác xã không được để trống (tối đa 200 ký tự)',
  },
  {
    field: 'taxCode',
    header: 'Mã số thuế',
    required: true,
    aliases: ['mst', 'taxcode'],
    hintVi: 'Mã số thuế gồm 10 chữ số, hoặc 13 với đuôi -NNN của chi nhánh',
  },
  COMMUNE_COLUMN,
  {
    field: 'address',
    header: 'Địa chỉ',
    required: false,
    aliases: ['address'],
    hintVi: 'Địa chỉ tối đa 255 ký tự',
  },
  {
    field: 'directorName',
    header: 'Giám đốc',
    required: false,
    aliases: ['ho ten giam doc', 'directorname'],
    hintVi: 'Họ tên giám đốc tối đa 120 ký tự',
  },
  PHONE_COLUMN,
  {
    field: 'foundedOn',
    header: 'Ngày thành lập',
    required: false,
    aliases: ['foundedon'],
    hintVi: 'Ngày ghi dạng dd/mm/yyyy hoặc yyyy-mm-dd',
  },
];

export function parseCooperativeRow(
  row: number,
  cells: string[],
  index: ColumnIndex,
  refs: ReferenceLookups,
): { value?: CreateCooperativeDto; errors: ImportRowError[] } {
  const get = cellReader(cells, index);
  let taxCode = get('taxCode').replace(/\s/g, '');
  if (/^\d{9}$/.test(taxCode)) taxCode = `0${taxCode}`; // a numeric cell dropped the leading zero
  const optional = (v: string) => (v === '' ? undefined : v);
  const { dto, errors } = validateAs(CreateCooperativeDto, {
    name: get('name'),
    taxCode,
    communeCode: communeCodeOf(get('communeCode'), refs),
    address: optional(get('address')),
    directorName: optional(get('directorName')),
    phone: sheetPhone(get('phone')),
    foundedOn: optional(toIsoDate(get('foundedOn'))),
  });
  const commune = errors.some((e) => e.field === 'communeCode')
    ? null
    : unknownCommune(dto.communeCode, refs);
  if (commune) errors.push(commune);
  if (errors.length)
    return { errors: errors.map((e) => toRowError(COOPERATIVE_COLUMNS, row, e.field, e.message)) };
  return { value: dto, errors: [] };
}
