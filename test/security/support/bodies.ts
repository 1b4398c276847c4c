import { INestApplication } from '@nestjs/common';
import { signedIn, unique, uniqueTaxCode } from '../../support/fixtures';
import { facilityBody, growingAreaBody } from '../../support/certificates';
import { householdBody } from '../../support/households';
import { HOME_COMMUNE, World } from './world';

type Body = Record<string, unknown>;

/**
 * A body each JSON route accepts from a caller in scope (admin or the owner), for the world's
 * records: the security specs send it to callers out of scope (who must get 404, not a change)
 * and the fuzz pass mutates it. Versions are read fresh, so a PATCH passes the version check.
 */
export async function validBodies(app: INestApplication, world: World): Promise<Record<string, () => Body>> {
  const ids = world.ids;
  const version = async (path: string) =>
    ((await signedIn(app, world.admin).get(path).expect(200)).body as { version: number }).version;
  const versions = {
    user: await version(`/api/v1/users/${ids.user}`),
    cooperative: await version(`/api/v1/cooperatives/${ids.cooperative}`),
    enterprise: await version(`/api/v1/enterprises/${ids.enterprise}`),
    household: await version(`/api/v1/households/${ids.household}`),
    growingArea: await version(`/api/v1/growing-areas/${ids.growingArea}`),
    facility: await version(`/api/v1/packing-facilities/${ids.facility}`),
    contract: await version(`/api/v1/contracts/${ids.contract}`),
    valueChain: await version(`/api/v1/value-chains/${ids.valueChain}`),
  };
  const inspection = {
    inspectedOn: '2026-07-01',
    inspector: 'Nguyễn Văn Kiểm',
    result: 'minor',
    findings: 'Nhật ký chưa đủ',
  };
  return {
    'POST /api/v1/auth/login': () => ({ username: world.admin.username, password: 'sai-mat-khau-0000' }),
    'POST /api/v1/auth/refresh': () => ({ refreshToken: world.admin.refreshToken }),
    'POST /api/v1/users': () => ({
      username: `t.fuzz.${unique()}`,
      password: 'Mật-khẩu-dài-2026',
      fullName: 'Người dùng thử',
      role: 'official',
      communeCode: HOME_COMMUNE,
    }),
    'PATCH /api/v1/users/{id}': () => ({ fullName: 'Cán bộ đổi tên', version: versions.user }),
    'POST /api/v1/products': () => ({
      code: `sec-${unique()}`,
      name: 'Security test fruit',
      nameVi: 'Quả thử nghiệm',
      kind: 'crop',
      unit: 'kg',
      harvestMonths: [8, 9],
    }),
    'POST /api/v1/cooperatives': () => ({
      name: `Hợp tác xã Bảo mật ${unique()}`,
      taxCode: uniqueTaxCode(),
      communeCode: HOME_COMMUNE,
    }),
    'PATCH /api/v1/cooperatives/{id}': () => ({ address: 'Thôn Pò Đứa', version: versions.cooperative }),
    'POST /api/v1/enterprises': () => ({
      name: `Công ty Bảo mật ${unique()}`,
      taxCode: uniqueTaxCode(),
      kind: 'trader',
      markets: ['CN'],
    }),
    'PATCH /api/v1/enterprises/{id}': () => ({ contactName: 'Chị Hà', version: versions.enterprise }),
    'POST /api/v1/households': () => householdBody({ village: `${world.village} ${unique()}` }),
    'PATCH /api/v1/households/{id}': () => ({ memberCount: 6, version: versions.household }),
    'DELETE /api/v1/households/{id}': () => ({ reason: 'Chuyển đi nơi khác' }),
    'PUT /api/v1/integrity/allowed-combinations': () => ({
      rules: [{ existingProgramme: '1719', newProgramme: '1719', kind: '*', allowed: false }],
    }),
    'POST /api/v1/integrity/duplicates/{id}/merge': () => ({
      keepHouseholdId: ids.household,
      note: 'Cùng một hộ',
    }),
    'POST /api/v1/integrity/duplicates/{id}/dismiss': () => ({ note: 'Hai anh em' }),
    'POST /api/v1/cooperatives/{id}/members': () => ({
      householdId: ids.loner,
      joinedOn: '2026-01-15',
      role: 'member',
    }),
    'POST /api/v1/households/{id}/support': () => ({
      programme: 'giam-ngheo',
      kind: 'livestock',
      valueVnd: 5_000_000,
      supportedOn: '2026-05-10',
    }),
    'POST /api/v1/growing-areas': () =>
      growingAreaBody(world.codes.next(), { cooperativeId: ids.cooperative }),
    'PATCH /api/v1/growing-areas/{id}': () => ({ areaHa: 11, version: versions.growingArea }),
    'POST /api/v1/growing-areas/{id}/status': () => ({ to: 'suspended', reason: 'Vi phạm quy trình' }),
    'POST /api/v1/growing-areas/{id}/inspections': () => ({ ...inspection }),
    'POST /api/v1/growing-areas/{id}/plots': () => ({ householdId: ids.twin, areaHa: 0.5 }),
    'POST /api/v1/contracts': () => ({
      enterpriseId: ids.enterprise,
      cooperativeId: ids.cooperative,
      productCode: 'custard-apple',
      volume: 500,
      unit: 'kg',
      priceVndPerUnit: 24000,
      deliveryFrom: '2031-08-01',
      deliveryTo: '2031-08-31',
      sourceGrowingAreaIds: [ids.growingArea],
    }),
    'PATCH /api/v1/contracts/{id}': () => ({ volume: 900, version: versions.contract }),
    'POST /api/v1/contracts/{id}/status': () => ({ to: 'cancelled', reason: 'Hai bên thoả thuận' }),
    'POST /api/v1/packing-facilities': () =>
      facilityBody(world.codes.next(), { operatorCooperativeId: ids.cooperative }),
    'PATCH /api/v1/packing-facilities/{id}': () => ({ capacityTonnesPerDay: 25, version: versions.facility }),
    'POST /api/v1/packing-facilities/{id}/status': () => ({ to: 'suspended', reason: 'Vi phạm quy trình' }),
    'POST /api/v1/packing-facilities/{id}/inspections': () => ({ ...inspection }),
    'POST /api/v1/growing-areas/{id}/forecasts': () => ({
      productCode: 'custard-apple',
      periodStart: '2032-08-01',
      periodEnd: '2032-08-31',
      volume: 1200,
    }),
    'POST /api/v1/growing-areas/{id}/harvests': () => ({ harvestedOn: '2026-09-01', volume: 300 }),
    'POST /api/v1/value-chains': () => ({
      name: `${unique()} Liên kết hồng Vành Khuyên`,
      productCode: 'custard-apple',
      programme: '1719',
      leadCooperativeId: ids.cooperative,
      communeCodes: [HOME_COMMUNE],
      startsOn: '2027-03-01',
      endsOn: '2028-12-31',
      budget: { state: 100_000_000, counterpart: 10_000_000, household: 5_000_000, enterprise: 20_000_000 },
    }),
    'PATCH /api/v1/value-chains/{id}': () => ({
      name: `${unique()} Liên kết đổi tên`,
      version: versions.valueChain,
    }),
    'POST /api/v1/value-chains/{id}/transitions': () => ({ to: 'submitted', note: 'Hồ sơ đủ' }),
    'POST /api/v1/value-chains/{id}/households': () => ({ householdId: ids.twin, areaHa: 0.3 }),
    'POST /api/v1/value-chains/{id}/disbursements': () => ({
      source: 'state',
      capitalType: 'investment',
      amountVnd: 1_000_000,
      paidOn: '2027-04-01',
    }),
    'POST /api/v1/scans/inspections': () => ({ today: '2091-01-01' }),
    'POST /api/v1/scans/capacity': () => ({ today: '2091-01-01' }),
    'POST /api/v1/scans/contracts': () => ({ today: '2091-01-01' }),
    'POST /api/v1/scans/disbursement-lagging': () => ({ today: '2091-01-01' }),
    'POST /api/v1/scans': () => ({ today: '2091-01-01' }),
    'PUT /api/v1/notification-preferences': () => ({
      preferences: [{ eventType: 'code.suspended', channel: 'in-app', enabled: true }],
    }),
    'POST /api/v1/webhooks': () => ({
      url: 'https://erp.example.vn/lienket',
      secret: 'khoa-bi-mat-thu-nghiem-2026',
    }),
  };
}
