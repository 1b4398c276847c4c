import { foldVietnamese } from '@lienket/vn-identity';
import { CreateCooperativeDto } from '../cooperatives/dto/create-cooperative.dto';
import type { ImportRowError } from './import-job.entity';
import type { ReferenceLookups } from './household-sheet';
import {
  cellReader,
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
  {
    field: 'communeCode',
    header: 'Xã/phường',
    required: true,
    aliases: ['xa phuong', 'xa', 'ma xa', 'communecode'],
    hintVi: 'Xã/phường phải có trong danh mục của tỉnh (tên hoặc mã 5 số)',
  },
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
  {
    field: 'phone',
    header: 'Số điện thoại',
    required: false,
    aliases: ['dien thoai', 'sdt', 'phone'],
    hintVi: 'Số điện thoại di động: 0 hoặc +84 và 9 chữ số',
  },
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
  const commune = get('communeCode');
  const optional = (v: string) => (v === '' ? undefined : v);
  const { dto, errors } = validateAs(CreateCooperativeDto, {
    name: get('name'),
    taxCode,
    communeCode: /^\d{5}$/.test(commune)
      ? commune
      : (refs.communes.get(foldVietnamese(commune).replace(/^(xa|phuong) /, '')) ?? commune),
    address: optional(get('address')),
    directorName: optional(get('directorName')),
    phone: sheetPhone(get('phone')),
    foundedOn: optional(toIsoDate(get('foundedOn'))),
  });
  if (!errors.some((e) => e.field === 'communeCode') && !refs.communes.has(`#${dto.communeCode}`)) {
    errors.push({
      field: 'communeCode',
      message: `communeCode ${dto.communeCode} is not a commune of the province`,
    });
  }
  if (errors.length)
    return { errors: errors.map((e) => toRowError(COOPERATIVE_COLUMNS, row, e.field, e.message)) };
  return { value: dto, errors: [] };
}
