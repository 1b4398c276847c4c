import { INestApplication } from '@nestjs/common';
import { createTestApp } from './support/app';
import { certificateApi, codeSeries, facilityBody, growingAreaBody } from './support/certificates';
import { Fixtures, signedIn, TestUser } from './support/fixtures';
import { WebAgent, webLogin } from './support/web';

/**
 * The enterprise's pages: the supply check (GET form → chart and sources) and linkage contracts
 * (list, draft, activation refused for a shortfall then accepted, cancel), over the API's services.
 */
let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  await app.listen(0, '127.0.0.1');
  fx = new Fixtures(app);
  official = await fx.user('official');
});
afterAll(() => app.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The text of the error shown beside a field (its id is f-<name>-error). */
const errorBeside = (page: string, name: string): string | undefined =>
  new RegExp(`<p class="error" id="f-${name}-error">([^<]*)</p>`).exec(page)?.[1];

/**
 * A cooperative with two active CN custard-apple codes packed by an active CN facility, and their
 * forecasts in `year` (a year no other spec forecasts, so the page's totals are this chain's):
 * A 6,100 kg over Aug–Sep (3,100 in August, 3,000 in September), B 3,100 kg in August.
 */
async function chain(year: number) {
  const codes = certificateApi(app, 'growing-areas');
  const facilities = certificateApi(app, 'packing-facilities');
  const series = codeSeries();
  const cooperative = await fx.cooperative();
  const enterprise = await fx.enterprise();
  const buyer = await fx.user('enterprise', { enterpriseId: enterprise.id });
  const [a, b] = [
    await codes.create(official, growingAreaBody(series.next(), { cooperativeId: cooperative.id })),
    await codes.create(official, growingAreaBody(series.next(), { cooperativeId: cooperative.id })),
  ];
  for (const code of [a, b]) await codes.moveTo(official, code.id, 'active');
  const facility = await facilities.create(
    official,
    facilityBody(series.next(), { operatorCooperativeId: cooperative.id }),
  );
  await facilities.moveTo(official, facility.id, 'active');
  for (const code of [a, b]) {
    await signedIn(app, official)
      .post(`/api/v1/packing-facilities/${facility.id}/sources/${code.id}`)
      .expect(201);
  }
  const forecast = (id: string, periodStart: string, periodEnd: string, volume: number) =>
    signedIn(app, official)
      .post(`/api/v1/growing-areas/${id}/forecasts`, {
        productCode: 'custard-apple',
        periodStart,
        periodEnd,
        volume,
      })
      .expect(201);
  await forecast(a.id, `${year}-08-01`, `${year}-09-30`, 6100);
  await forecast(b.id, `${year}-08-01`, `${year}-08-31`, 3100);
  const web = await webLogin(app, buyer);
  return { cooperative, enterprise, buyer, a, b, web };
}

/** Drafts a contract through the page; answers the new contract's id. */
async function draft(
  web: WebAgent,
  cooperativeId: string,
  sources: string[],
  fields: Record<string, string>,
): Promise<string> {
  const res = await web.post('/contracts/new', {
    cooperativeId,
    productCode: 'custard-apple',
    unit: 'kg',
    priceVndPerUnit: '25000',
    sourceGrowingAreaIds: sources,
    ...fields,
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(new RegExp(`^/contracts/${UUID.source}$`));
  return res.headers.location.split('/').pop()!;
}

describe('supply check', () => {
  it('is the enterprise’s first page: a GET form answered with totals, a chart and the eligible sources', async () => {
    const { cooperative, a, b, web } = await chain(2041);
    const home = await web.get('/home');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/supply');

    const first = await web.get('/supply');
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>Kiểm tra nguồn cung</h1>');
    expect(first.text).toContain('<form method="get" action="/supply"');
    expect(first.text).toMatch(/<a\s+href="\/supply"\s+aria-current="page"\s*>Nguồn cung/);
    expect(first.text).toContain('>Hợp đồng liên kết<');

    const page = await web.get(
      '/supply?product=custard-apple&market=CN&from=2041-08-01&to=2041-09-30&granularity=month',
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="CN"  selected>');
    // Totals in vi-VN figures: 9.200 forecast, nothing committed.
    expect(page.text).toMatch(/data-total="forecast">\s*9\.200 kg/);
    expect(page.text).toMatch(/data-total="committed">\s*0 kg/);
    expect(page.text).toMatch(/data-total="available">\s*9\.200 kg/);
    // The chart: an accessible SVG with one bar per series and month, and its figures as a table.
    expect(page.text).toContain('role="img" aria-labelledby="supply-chart-title"');
    expect(page.text).toContain('<title id="supply-chart-title">Nguồn cung');
    expect(page.text.match(/<rect data-series="forecast"/g)).toHaveLength(2);
    expect(page.text).toContain('08/2041 — Dự kiến: 6.200 kg');
    expect(page.text).toContain('01/09/2041 – 30/09/2041');
    // The sources: codes, commune, cooperative, area, volumes; no household data anywhere.
    for (const text of [a.code, b.code, 'Cai Kinh', cooperative.name, '6.100', '3.100'])
      expect(page.text).toContain(text);
    expect(page.text).toContain(
      `/contracts/new?cooperativeId=${cooperative.id}&amp;productCode=custard-apple`,
    );

    const weeks = await web.get(
      '/supply?product=custard-apple&market=CN&from=2041-08-01&to=2041-08-31&granularity=week',
    );
    expect(weeks.status).toBe(200);
    expect(weeks.text.match(/<rect data-series="forecast"/g)).toHaveLength(5);
  });

  it('shows the API’s validation messages beside the fields', async () => {
    const { web } = await chain(2042);
    const reversed = await web.get(
      '/supply?product=custard-apple&from=2042-09-30&to=2042-08-01&granularity=month',
    );
    expect(reversed.status).toBe(400);
    expect(errorBeside(reversed.text, 'to')).toBe('to must not be before from');
    expect(reversed.text).toContain('aria-invalid="true" aria-describedby="f-to-error"');
    expect(reversed.text).not.toContain('<svg');

    const badDate = await web.get('/supply?product=custard-apple&from=2042-02-30&to=2042-08-01');
    expect(badDate.status).toBe(400);
    expect(errorBeside(badDate.text, 'from')).toBe('from must be a date YYYY-MM-DD that exists');

    const english = await web.get('/lang/en?next=%2Fsupply');
    expect(english.status).toBe(303);
    const en = await web.get('/supply?product=custard-apple&from=2042-08-01&to=2042-08-31');
    expect(en.text).toContain('<h1>Supply check</h1>');
    expect(en.text).toContain('Domestic (every active code)');
    await web.get('/lang/vi?next=%2Fsupply');
  });
});

describe('contracts', () => {
  it('drafts with the API’s messages beside the fields, refuses activating a shortfall (409), activates, lists and filters', async () => {
    const { cooperative, a, b, web } = await chain(2043);
    const form = await web.get(`/contracts/new?cooperativeId=${cooperative.id}&productCode=custard-apple`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Bước 2: điều khoản hợp đồng');
    for (const code of [a, b])
      expect(form.text).toMatch(new RegExp(`name="sourceGrowingAreaIds"\\s+value="${code.id}"`));
    expect(form.text).not.toContain('name="enterpriseId"'); // enterprise staff contract for their own

    const invalid = await web.post('/contracts/new', {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume: '-5',
      unit: 'kg',
      deliveryFrom: '2043-08-01',
      deliveryTo: '2043-08-31',
    });
    expect(invalid.status).toBe(400);
    expect(errorBeside(invalid.text, 'volume')).toBe('volume must be a positive number');
    expect(errorBeside(invalid.text, 'sourceGrowingAreaIds')).toMatch(/at least 1/);
    expect(invalid.text).toContain('value="2043-08-01"'); // what was typed stays

    const bothPrices = await web.post('/contracts/new', {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume: '100',
      unit: 'kg',
      priceVndPerUnit: '25000',
      floorPriceVndPerUnit: '18000',
      deliveryFrom: '2043-08-01',
      deliveryTo: '2043-08-31',
      sourceGrowingAreaIds: [a.id],
    });
    expect(bothPrices.status).toBe(400);
    expect(errorBeside(bothPrices.text, 'priceVndPerUnit')).toMatch(/fixed price or a floor price/);
    expect(bothPrices.text).toMatch(new RegExp(`value="${a.id}"\\s+checked`));

    // August: A 3,100 + B 3,100 = 6,200 kg; 7,000 is 800 short.
    const tooMuch = await draft(web, cooperative.id, [a.id, b.id], {
      volume: '7000',
      deliveryFrom: '2043-08-01',
      deliveryTo: '2043-08-31',
    });
    const draftPage = await web.get(`/contracts/${tooMuch}`);
    expect(draftPage.status).toBe(200);
    expect(draftPage.text).toContain('Bản nháp');
    expect(draftPage.text).toContain(cooperative.name);
    expect(draftPage.text).toContain('25.000 đồng/kg (giá cố định)');
    expect(draftPage.text).toContain(a.code);
    expect(draftPage.text).toContain('Đang hoạt động');
    expect(draftPage.text).not.toContain('Lịch sử'); // the audit trail is for admins and officials
    const refused = await web.post(`/contracts/${tooMuch}/status`, { to: 'active' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(
      'Không thể kích hoạt: sản lượng dự kiến chưa cam kết của các mã nguồn trong thời gian giao là 6.200 kg, thiếu 800 kg so với 7.000 kg cần cam kết.',
    );

    const fits = await draft(web, cooperative.id, [a.id, b.id], {
      volume: '5000',
      deliveryFrom: '2043-08-01',
      deliveryTo: '2043-08-31',
    });
    const activated = await web.post(`/contracts/${fits}/status`, { to: 'active' });
    expect(activated.status).toBe(303);
    expect(activated.headers.location).toBe(`/contracts/${fits}`);
    const active = await web.get(`/contracts/${fits}`);
    expect(active.text).toContain('Đang hiệu lực');
    expect(active.text).toMatch(/3\.100 kg/);
    expect(active.text).toMatch(/1\.900 kg/);
    expect(active.text).toContain('Xác nhận đã hoàn thành');

    // The supply page now shows what the activation committed.
    const supply = await web.get('/supply?product=custard-apple&market=CN&from=2043-08-01&to=2043-08-31');
    expect(supply.text).toMatch(/data-total="committed">\s*5\.000 kg/);
    expect(supply.text).toMatch(/data-total="available">\s*1\.200 kg/);

    const all = await web.get('/contracts');
    expect(all.status).toBe(200);
    expect(all.text).toContain(`href="/contracts/${tooMuch}"`);
    expect(all.text).toContain(`href="/contracts/${fits}"`);
    expect(all.text).toContain('Lập hợp đồng mới');
    const onlyActive = await web.get('/contracts?status=active');
    expect(onlyActive.text).toContain(`href="/contracts/${fits}"`);
    expect(onlyActive.text).not.toContain(`href="/contracts/${tooMuch}"`);
    const partial = await web.get('/contracts?status=draft', { 'X-Partial': '1' });
    expect(partial.status).toBe(200);
    expect(partial.text).not.toContain('<html');
    expect(partial.text).not.toContain('<form');
    expect(partial.text).toContain(`href="/contracts/${tooMuch}"`);
    expect(partial.text).not.toContain(`href="/contracts/${fits}"`);

    // Cancelling the refused draft, with a reason.
    const cancelled = await web.post(`/contracts/${tooMuch}/status`, {
      to: 'cancelled',
      reason: 'Không đủ nguồn',
    });
    expect(cancelled.status).toBe(303);
    expect((await web.get(`/contracts/${tooMuch}`)).text).toContain('Đã hủy');

    // An official reads the lifecycle history.
    const officialWeb = await webLogin(app, official);
    const withHistory = await officialWeb.get(`/contracts/${tooMuch}`);
    expect(withHistory.status).toBe(200);
    expect(withHistory.text).toContain('Lịch sử');
    expect(withHistory.text).toContain('Lập bản nháp');
    expect(withHistory.text).toContain('Chuyển trạng thái: Bản nháp → Đã hủy');
    expect(withHistory.text).toContain('Không đủ nguồn');
  });

  it('lets an official draft for an enterprise chosen in the form', async () => {
    const { cooperative, enterprise, a } = await chain(2045);
    const web = await webLogin(app, official);
    const form = await web.get(`/contracts/new?cooperativeId=${cooperative.id}&productCode=custard-apple`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="f-enterpriseId">Doanh nghiệp (bên mua)');
    const terms = {
      cooperativeId: cooperative.id,
      productCode: 'custard-apple',
      volume: '100',
      unit: 'kg',
      priceVndPerUnit: '25000',
      deliveryFrom: '2045-08-01',
      deliveryTo: '2045-08-31',
      sourceGrowingAreaIds: [a.id],
    };
    const noBuyer = await web.post('/contracts/new', terms);
    expect(noBuyer.status).toBe(400);
    expect(errorBeside(noBuyer.text, 'enterpriseId')).toBe('enterpriseId is required');
    const made = await web.post('/contracts/new', { ...terms, enterpriseId: enterprise.id });
    expect(made.status).toBe(303);
    const page = await web.get(made.headers.location);
    expect(page.text).toContain(enterprise.name);
    expect(page.text).toContain('Kích hoạt hợp đồng');
  });

  it('answers 404 for another enterprise’s contract, 403 without the CSRF token or for a cooperative drafting', async () => {
    const { cooperative, a, web } = await chain(2044);
    const id = await draft(web, cooperative.id, [a.id], {
      volume: '100',
      deliveryFrom: '2044-08-01',
      deliveryTo: '2044-08-31',
    });
    const other = await webLogin(app, await fx.user('enterprise'));
    expect((await other.get(`/contracts/${id}`)).status).toBe(404);
    expect((await other.post(`/contracts/${id}/status`, { to: 'cancelled' })).status).toBe(404);
    expect((await other.get('/contracts')).text).not.toContain(id);

    const forged = await web.post(`/contracts/${id}/status`, { to: 'active', _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect((await web.get(`/contracts/${id}`)).text).toContain('Bản nháp');

    // The cooperative reads its contracts, without the enterprise's actions.
    const coop = await webLogin(app, await fx.user('cooperative', { cooperativeId: cooperative.id }));
    const list = await coop.get('/contracts');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/contracts/${id}"`);
    expect(list.text).not.toContain('Lập hợp đồng mới');
    const detail = await coop.get(`/contracts/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).not.toContain('Kích hoạt hợp đồng');
    expect((await coop.get('/contracts/new')).status).toBe(403);
    expect((await coop.post(`/contracts/${id}/status`, { to: 'active' })).status).toBe(403);
  });
});
