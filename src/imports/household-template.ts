import * as ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { HOUSEHOLD_COLUMNS } from './household-sheet';

/** The template: the header row, one example row, and the code lists on a second sheet. */
export async function writeHouseholdTemplate(
  out: Writable,
  communes: Array<{ code: string; name: string }>,
  ethnicities: Array<{ code: string; name: string }>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('Hộ gia đình');
  sheet.columns = HOUSEHOLD_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(14, c.header.length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('nationalId').numFmt = '@';
  sheet.getColumn('phone').numFmt = '@';
  sheet
    .addRow({
      headName: 'Hoàng Văn Thụ',
      nationalId: '020085001234',
      gender: 'Nam',
      birthYear: 1985,
      ethnicity: 'Tày',
      phone: '0912345678',
      communeCode: 'Cai Kinh',
      village: 'Thôn Làng Ngò',
      memberCount: 5,
      povertyStatus: 'cận nghèo',
      povertyAssessedYear: 2025,
      consentGivenOn: '01/03/2026',
      consentScope: 'Chương trình 1719',
    })
    .commit();
  sheet.commit();
  const lists = workbook.addWorksheet('Danh mục');
  lists.columns = [
    { header: 'Mã xã', key: 'communeCode', width: 10 },
    { header: 'Xã/phường', key: 'communeName', width: 24 },
    { header: 'Mã dân tộc', key: 'ethnicityCode', width: 12 },
    { header: 'Dân tộc', key: 'ethnicityName', width: 16 },
  ];
  for (let i = 0; i < Math.max(communes.length, ethnicities.length); i++) {
    lists
      .addRow({
        communeCode: communes[i]?.code,
        communeName: communes[i]?.name,
        ethnicityCode: ethnicities[i]?.code,
        ethnicityName: ethnicities[i]?.name,
      })
      .commit();
  }
  lists.commit();
  await workbook.commit();
}
