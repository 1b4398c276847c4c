import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Notification } from '../../../src/notifications/notification.entity';
import { OutboxRelay } from '../../../src/notifications/outbox-relay.service';
import { Fixtures, signedIn, TestUser, unique, uniqueTaxCode } from '../../support/fixtures';
import { codeSeries, facilityBody, growingAreaBody } from '../../support/certificates';
import { cccdFor, householdBody } from '../../support/households';

export const HOME_COMMUNE = '06427'; // xã Cai Kinh
export const OTHER_COMMUNE = '06463';

/** The records of one security spec: everything belongs to cooperative A, enterprise E, commune HOME_COMMUNE. */
export interface World {
  /** Callers inside the records' scope. */
  admin: TestUser;
  official: TestUser;
  coopUser: TestUser;
  enterpriseUser: TestUser;
  inspector: TestUser;
  /** Callers of a scoped role who must not see the records (SPEC §1). */
  outsiders: Record<
    | 'cooperative B'
    | 'enterprise without links'
    | 'official of another commune'
    | 'inspector of another commune',
    TestUser
  >;
  ids: {
    cooperative: string;
    enterprise: string;
    household: string;
    /** A probable duplicate of `household` (same name, year and village), so a duplicate pair exists. */
    twin: string;
    /** Registered by an official, member of no cooperative: something to add as a member. */
    loner: string;
    duplicatePair: string;
    growingArea: string;
    /** Active, same product and market, not yet a source of the facility. */
    spareGrowingArea: string;
    facility: string;
    contract: string;
    valueChain: string;
    importJob: string;
    notification: string;
    webhook: string;
    /** A user the admin may edit (never the caller itself). */
    user: string;
    commune: string;
    product: string;
  };
  codes: { next: () => string };
  village: string;
  /** The personal data of the world's households: an enterprise must never receive any of it. */
  households: PersonalData[];
}

export const OUTSIDER_NAMES = [
  'cooperative B',
  'enterprise without links',
  'official of another commune',
  'inspector of another commune',
] as const;

/** Built through the API as its users would, so every record is a real, consistent one. */
export async function buildWorld(app: INestApplication): Promise<World> {
  const fx = new Fixtures(app);
  const ds = app.get(DataSource);
  const coopA = await fx.cooperative({ communeCode: HOME_COMMUNE });
  const enterpriseE = await fx.enterprise();
  const [admin, official, coopUser, enterpriseUser, inspector] = [
    await fx.user('admin'),
    await fx.user('official'),
    await fx.user('cooperative', { cooperativeId: coopA.id }),
    await fx.user('enterprise', { enterpriseId: enterpriseE.id }),
    await fx.user('inspector'),
  ];
  const outsiders: World['outsiders'] = {
    'cooperative B': await fx.user('cooperative', {
      cooperativeId: (await fx.cooperative({ communeCode: HOME_COMMUNE })).id,
    }),
    'enterprise without links': await fx.user('enterprise'),
    'official of another commune': await fx.user('official', { communeCode: OTHER_COMMUNE }),
    'inspector of another commune': await fx.user('inspector', { communeCode: OTHER_COMMUNE }),
  };
  const ok = async (res: request.Response | Promise<request.Response>, status = 201) => {
    const r = (await res) as request.Response & { req?: { method: string; path: string } };
    if (r.status !== status)
      throw new Error(`${r.req?.method} ${r.req?.path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const as = (user: TestUser) => signedIn(app, user);

  const village = `Thôn An Ninh ${unique()}`;
  const person = (headName: string, overrides: Record<string, unknown> = {}) =>
    householdBody({ headName, village, phone: uniquePhone(), ...overrides });
  // Names of this world only (a famous name also names a ward): a leak of one is unambiguous.
  const given = letters(unique());
  const household = await ok(as(coopUser).post('/api/v1/households', person(`Đàm Văn ${given}`)));
  const twin = await ok(as(coopUser).post('/api/v1/households', person(`Dam Van ${given}`)));
  const loner = await ok(
    as(official).post(
      '/api/v1/households',
      person(`Lăng Thị ${given}`, { gender: 'female', village: `${village} 2` }),
    ),
  );
  const households = [household, twin, loner] as PersonalData[];
  const pairs = await ok(
    as(official).get(`/api/v1/integrity/duplicates?householdId=${household.id}&limit=200`),
    200,
  );
  const pair = (pairs.items as Array<{ id: string; a: { id: string }; b: { id: string } }>).find((p) =>
    [p.a.id, p.b.id].includes(twin.id),
  );
  if (!pair) throw new Error('the twin households were not paired as probable duplicates');

  const codes = codeSeries();
  const activeCode = async () => {
    const area = await ok(
      as(official).post('/api/v1/growing-areas', growingAreaBody(codes.next(), { cooperativeId: coopA.id })),
    );
    await ok(
      as(official).post(`/api/v1/growing-areas/${area.id}/status`, { to: 'active', reason: 'Cấp mã' }),
      200,
    );
    return area.id as string;
  };
  const growingArea = await activeCode();
  const spareGrowingArea = await activeCode();
  await ok(
    as(official).post(`/api/v1/growing-areas/${growingArea}/plots`, { householdId: household.id, areaHa: 1 }),
  );
  await ok(
    as(coopUser).post(`/api/v1/growing-areas/${growingArea}/forecasts`, {
      productCode: 'custard-apple',
      periodStart: '2031-08-01',
      periodEnd: '2031-08-31',
      volume: 5000,
    }),
  );
  await ok(
    as(coopUser).post(`/api/v1/growing-areas/${growingArea}/harvests`, {
      harvestedOn: '2026-08-10',
      volume: 800,
    }),
  );
  await ok(
    as(inspector).post(`/api/v1/growing-areas/${growingArea}/inspections`, {
      inspectedOn: '2026-06-01',
      inspector: 'Nguyễn Văn Kiểm',
      result: 'pass',
    }),
  );
  const facility = await ok(
    as(official).post(
      '/api/v1/packing-facilities',
      facilityBody(codes.next(), { operatorCooperativeId: coopA.id }),
    ),
  );
  await ok(
    as(official).post(`/api/v1/packing-facilities/${facility.id}/status`, { to: 'active', reason: 'Đạt' }),
    200,
  );
  await ok(as(official).post(`/api/v1/packing-facilities/${facility.id}/sources/${growingArea}`));
  const contract = await ok(
    as(enterpriseUser).post('/api/v1/contracts', {
      cooperativeId: coopA.id,
      productCode: 'custard-apple',
      volume: 1000,
      unit: 'kg',
      priceVndPerUnit: 25000,
      deliveryFrom: '2031-08-01',
      deliveryTo: '2031-08-31',
      sourceGrowingAreaIds: [growingArea],
    }),
  );
  const valueChain = await ok(
    as(coopUser).post('/api/v1/value-chains', {
      name: `${unique()} Liên kết na Chi Lăng`,
      productCode: 'custard-apple',
      programme: '1719',
      leadCooperativeId: coopA.id,
      // Enterprise E partners in the model: it reads the model, its participants and payments.
      partnerEnterpriseIds: [enterpriseE.id],
      communeCodes: [HOME_COMMUNE],
      startsOn: '2027-03-01',
      endsOn: '2028-12-31',
      budget: {
        state: 600_000_000,
        counterpart: 100_000_000,
        household: 50_000_000,
        enterprise: 250_000_000,
      },
    }),
  );
  await ok(
    as(coopUser).post(`/api/v1/value-chains/${valueChain.id}/households`, {
      householdId: household.id,
      areaHa: 0.5,
    }),
  );
  await ok(
    as(coopUser).post(`/api/v1/households/${household.id}/support`, {
      programme: '1719',
      kind: 'seedlings',
      valueVnd: 12_500_000,
      supportedOn: '2026-04-10',
      reference: 'QĐ 123/QĐ-UBND',
    }),
  );
  const importJob = await ok(
    request(app.getHttpServer())
      .post('/api/v1/imports/households')
      .auth(coopUser.token, { type: 'bearer' })
      .attach(
        'file',
        householdCsv([
          ['Nông Văn Ba', cccdFor(1970, 'male'), 'Nam', 1970, 'Tày', '', 'Cai Kinh', village, 4, 'nghèo'],
        ]),
        {
          filename: 'ho-dan.csv',
          contentType: 'text/csv',
        },
      ),
  );
  // A suspension notifies the code's cooperative: a notification that is coopUser's alone.
  const suspended = await activeCode();
  await ok(
    as(official).post(`/api/v1/growing-areas/${suspended}/status`, { to: 'suspended', reason: 'Vi phạm' }),
    200,
  );
  await app.get(OutboxRelay).drain();
  const notification = await ds
    .getRepository(Notification)
    .findOneByOrFail({ userId: coopUser.id, entityId: suspended });
  const webhook = await ok(
    as(admin).post('/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/lienket',
      secret: 'khoa-bi-mat-thu-nghiem-2026',
    }),
  );
  // Deactivated at once (its id and deliveries stay): other spec files' relays queue deliveries for active hooks.
  await ok(as(admin).delete(`/api/v1/webhooks/${webhook.id}`), 204);
  const user = await fx.user('official');

  return {
    admin,
    official,
    coopUser,
    enterpriseUser,
    inspector,
    outsiders,
    ids: {
      cooperative: coopA.id,
      enterprise: enterpriseE.id,
      household: household.id,
      twin: twin.id,
      loner: loner.id,
      duplicatePair: pair.id,
      growingArea,
      spareGrowingArea,
      facility: facility.id,
      contract: contract.id,
      valueChain: valueChain.id,
      importJob: importJob.id,
      notification: notification.id,
      webhook: webhook.id,
      user: user.id,
      commune: HOME_COMMUNE,
      product: 'custard-apple',
    },
    codes,
    village,
    households: households.map(({ headName, nationalId, phone, birthYear }) => ({
      headName,
      nationalId,
      phone,
      birthYear,
    })),
  };
}

export interface PersonalData {
  headName: string;
  nationalId: string;
  phone: string;
  birthYear: number;
}

/** `f1qj8` → `Fbqjì`-like letters only: a given name from a unique token. */
const letters = (token: string): string =>
  token.charAt(0).toUpperCase() +
  [...token.slice(1)].map((c) => (/\d/.test(c) ? 'aeiouyăâê'[Number(c) % 9] : c)).join('');

/** A Vietnamese mobile number no other household of the run has (so a leak of it is unambiguous). */
export const uniquePhone = (): string => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export const HOUSEHOLD_HEADER = [
  'Họ tên chủ hộ',
  'Số CCCD',
  'Giới tính',
  'Năm sinh',
  'Dân tộc',
  'Số điện thoại',
  'Xã/phường',
  'Thôn',
  'Số nhân khẩu',
  'Hộ nghèo/cận nghèo',
];

/** A household sheet as CSV (UTF-8 with BOM), the template's header first. */
export const householdCsv = (rows: Array<Array<string | number>>): Buffer =>
  Buffer.from(
    '\uFEFF' + [HOUSEHOLD_HEADER, ...rows].map((r) => r.map((c) => `"${String(c)}"`).join(',')).join('\n'),
    'utf8',
  );

/** The world's record for each path parameter of a route (`{id}` means the route's own resource). */
export function pathValues(world: World, path: string): Record<string, string> {
  const ids = world.ids;
  const resource = /^\/api\/v1\/([\w-]+)(?:\/([\w-]+))?/.exec(path);
  const ownId: Record<string, string> = {
    users: ids.user,
    cooperatives: ids.cooperative,
    enterprises: ids.enterprise,
    households: ids.household,
    integrity: ids.duplicatePair,
    imports: ids.importJob,
    'growing-areas': ids.growingArea,
    contracts: ids.contract,
    'packing-facilities': ids.facility,
    'value-chains': ids.valueChain,
    notifications: ids.notification,
    webhooks: ids.webhook,
  };
  const id = ownId[resource?.[1] ?? ''];
  return {
    ...(id ? { id } : {}),
    code: resource?.[1] === 'products' ? ids.product : ids.commune,
    householdId: ids.household,
    growingAreaId: path.startsWith('/api/v1/packing-facilities/{id}/sources')
      ? ids.growingArea
      : ids.spareGrowingArea,
  };
}

/** Names of the world's records (for messages): `{id}` → `household`. */
export const uuidOf = (world: World, value: string): string =>
  Object.entries(world.ids).find(([, v]) => v === value)?.[0] ?? value;

export { uniqueTaxCode };
