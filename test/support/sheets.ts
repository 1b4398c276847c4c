import { INestApplication } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import type { TestUser } from './fixtures';

/** supertest parser keeping a binary body (an .xlsx download) as a Buffer. */
export const binary: Parameters<request.Test['parse']>[0] = (res, done) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Downloads a workbook and answers its first sheet's rows as text cells (header first). */
export async function downloadSheet(app: INestApplication, user: TestUser, url: string): Promise<string[][]> {
  const res = await request(app.getHttpServer())
    .get(url)
    .auth(user.token, { type: 'bearer' })
    .buffer(true)
    .parse(binary)
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  return rows;
}
