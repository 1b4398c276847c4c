import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { signedIn, TestUser, unique } from './fixtures';

/**
 * Codes of one test: `VN-<6 letters>-<2 digits><4 digits>`. The letters and the first two digits
 * come from unique() (hashed: in practice never repeated, even across runs sharing a SQLite file), the last
 * four count up. `prefix` is what `search=` takes to list exactly this test's codes.
 */
export function codeSeries(): { prefix: string; next: () => string } {
  const digest = createHash('sha256').update(`${unique()}:${randomUUID()}`).digest();
  const letters = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const prefix = `VN-${letters}-${String(digest[6] % 100).padStart(2, '0')}`;
  let n = 0;
  return { prefix, next: () => `${prefix}${String(++n).padStart(4, '0')}` };
}

/** A growing-area body that passes validation (export to CN, custard apple, xã Cai Kinh). */
export function growingAreaBody(
  code: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code,
    kind: 'export',
    markets: ['CN'],
    productCode: 'custard-apple',
    areaHa: 10,
    communeCode: '06427',
    issuer: 'Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Lạng Sơn',
    issuedOn: '2026-05-01',
    ...overrides,
  };
  // A domestic code has no markets unless the test sends them on purpose.
  if (body.kind === 'domestic' && !('markets' in overrides)) delete body.markets;
  return body;
}

/** A packing-facility body that passes validation, once an operator is given. */
export function facilityBody(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    name: `Cơ sở đóng gói thử ${code}`,
    communeCode: '06427',
    productCodes: ['custard-apple'],
    markets: ['CN'],
    capacityTonnesPerDay: 20,
    issuedOn: '2026-05-01',
    ...overrides,
  };
}

/** `YYYY-MM-DD` today in Việt Nam (UTC+7), computed here rather than borrowed from the app. */
export const vnToday = (now = new Date()): string =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export function plusDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** + n months (n may be negative), clamped to the month's end. */
export function plusMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Events written for these aggregates (optionally of these types), oldest first. */
export async function eventsOf(
  app: INestApplication,
  aggregateIds: string[],
  types?: string[],
): Promise<OutboxEvent[]> {
  const rows = await app
    .get(DataSource)
    .getRepository(OutboxEvent)
    .find({
      where: { aggregateId: In(aggregateIds), ...(types ? { type: In(types) } : {}) },
    });
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/** A created code or facility as the API answers it (the fields tests read, and the rest). */
export interface Certificate {
  id: string;
  code: string;
  status: string;
  version: number;
  nextInspectionDue: string;
  [field: string]: unknown;
}

export interface HistoryEntry {
  action: string;
  reason: string | null;
  actorId: string | null;
  actorUsername: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

/** Create, move through statuses, read history and list codes of one resource (codes or facilities). */
export function certificateApi(app: INestApplication, resource: 'growing-areas' | 'packing-facilities') {
  const base = `/api/v1/${resource}`;
  return {
    base,
    async create(user: TestUser, body: Record<string, unknown>): Promise<Certificate> {
      const res = await signedIn(app, user).post(base, body);
      if (res.status !== 201)
        throw new Error(`create ${body.code}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async moveTo(user: TestUser, id: string, ...statuses: string[]): Promise<Certificate | null> {
      let last: Certificate | null = null;
      for (const to of statuses) {
        const res = await signedIn(app, user).post(`${base}/${id}/status`, {
          to,
          reason: `Chuyển sang ${to}`,
        });
        if (res.status !== 200) throw new Error(`status ${to}: ${res.status} ${JSON.stringify(res.body)}`);
        last = res.body;
      }
      return last;
    },
    async history(user: TestUser, id: string): Promise<HistoryEntry[]> {
      const res = await signedIn(app, user).get(`${base}/${id}/history?limit=200`).expect(200);
      return res.body.items;
    },
    /** Codes of the list that answers `query`, restricted to one test's prefix, sorted. */
    async codes(user: TestUser, prefix: string, query = ''): Promise<string[]> {
      const res = await signedIn(app, user)
        .get(`${base}?search=${encodeURIComponent(prefix)}&limit=200${query ? `&${query}` : ''}`)
        .expect(200);
      return res.body.items.map((i: { code: string }) => i.code).sort();
    },
  };
}
