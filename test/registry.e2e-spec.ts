import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser, unique, uniqueTaxCode } from './support/fixtures';
import { cccdFor, householdBody } from './support/households';

let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  official = await fx.user('official');
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);

describe('households registered by a cooperative', () => {
  it('makes the household a member of the registering cooperative and records household.registered', async () => {
    const coop = await fx.user('cooperative');
    const res = await as(coop)
      .post('/api/v1/households', householdBody({ headName: `Nguyễn Thị Đào ${unique()}` }))
      .expect(201);
    expect(res.body).toMatchObject({
      ethnicity: '02',
      ethnicityName: 'Tày',
      version: 1,
      consent: { givenOn: '2026-03-01' },
    });
    const members = await as(coop)
      .get(`/api/v1/cooperatives/${(await me(coop)).cooperativeId}/members`)
      .expect(200);
    expect(members.body.items.map((m: { householdId: string }) => m.householdId)).toContain(res.body.id);
    const events = await app.get(DataSource).getRepository(OutboxEvent).findBy({ aggregateId: res.body.id });
    expect(events.map((e) => e.type)).toEqual(['household.registered']);
  });

  it('finds "Nguyễn Thị Đào" by "nguyen thi dao", by "ĐÀO" and by "dao", but not by "thi"', async () => {
    const coop = await fx.user('cooperative');
    const created = await as(coop)
      .post('/api/v1/households', householdBody({ headName: 'Nguyễn Thị Đào', gender: 'female' }))
      .expect(201);
    for (const search of ['nguyen thi dao', 'ĐÀO', 'dao', 'Nguyễn Thị', 'NGUYEN']) {
      const res = await as(coop)
        .get(`/api/v1/households?search=${encodeURIComponent(search)}`)
        .expect(200);
      expect(res.body.items.map((h: { id: string }) => h.id)).toContain(created.body.id);
    }
    const none = await as(coop).get('/api/v1/households?search=thi').expect(200);
    expect(none.body.items.map((h: { id: string }) => h.id)).not.toContain(created.body.id);
  });

  it('answers 404 to another cooperative, for reads and writes alike', async () => {
    const [mine, theirs] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const created = await as(theirs).post('/api/v1/households', householdBody()).expect(201);
    await as(mine).get(`/api/v1/households/${created.body.id}`).expect(404);
    await as(mine).patch(`/api/v1/households/${created.body.id}`, { memberCount: 2, version: 1 }).expect(404);
    await as(mine).delete(`/api/v1/households/${created.body.id}`, { reason: 'x' }).expect(404);
    const list = await as(mine).get('/api/v1/households?limit=200').expect(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).not.toContain(created.body.id);
  });

  it('refuses a duplicate CCCD with 409, naming the existing id only to those who may see it', async () => {
    const [owner, other] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const body = householdBody();
    const created = await as(owner).post('/api/v1/households', body).expect(201);
    const again = await as(owner).post('/api/v1/households', body).expect(409);
    expect(again.body.message).toContain(created.body.id);
    const hidden = await as(other).post('/api/v1/households', body).expect(409);
    expect(hidden.body.message).not.toContain(created.body.id);
  });

  it('rejects a CCCD that disagrees with the birth year, naming nationalId', async () => {
    const coop = await fx.user('cooperative');
    const res = await as(coop)
      .post('/api/v1/households', householdBody({ nationalId: cccdFor(1990, 'male'), birthYear: 1985 }))
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'nationalId' })]);
  });

  it('updates with the version read, and refuses a stale one with 409', async () => {
    const coop = await fx.user('cooperative');
    const created = await as(coop).post('/api/v1/households', householdBody()).expect(201);
    const url = `/api/v1/households/${created.body.id}`;
    const updated = await as(coop)
      .patch(url, { headName: 'Hoàng Văn Thu', village: 'Bản Nà', version: 1 })
      .expect(200);
    expect(updated.body).toMatchObject({ headName: 'Hoàng Văn Thu', village: 'Bản Nà', version: 2 });
    await as(coop).patch(url, { memberCount: 9, version: 1 }).expect(409);
    expect((await as(coop).get(url).expect(200)).body.memberCount).toBe(5);
    await as(coop).patch(url, { birthYear: 1990, version: 2 }).expect(400);
  });

  it('soft-deletes with a reason: gone from reads, kept in the audit log', async () => {
    const coop = await fx.user('cooperative');
    const created = await as(coop).post('/api/v1/households', householdBody()).expect(201);
    const url = `/api/v1/households/${created.body.id}`;
    await as(coop).delete(url, {}).expect(400);
    await as(coop).delete(url, { reason: 'Đăng ký nhầm' }).expect(204);
    await as(coop).get(url).expect(404);
    const audit = await as(official)
      .get(`/api/v1/audit?entity=household&entityId=${created.body.id}`)
      .expect(200);
    expect(
      audit.body.items.map((a: { action: string; reason: string | null }) => [a.action, a.reason]),
    ).toEqual(
      expect.arrayContaining([
        ['delete', 'Đăng ký nhầm'],
        ['create', null],
      ]),
    );
    expect(JSON.stringify(audit.body)).not.toContain(created.body.nationalId);
  });

  it('never lets enterprises or inspectors read households (403)', async () => {
    for (const role of ['enterprise', 'inspector'] as const) {
      const user = await fx.user(role);
      await as(user).get('/api/v1/households').expect(403);
      await as(user).post('/api/v1/households', householdBody()).expect(403);
    }
  });
});

describe('memberships', () => {
  it('joins by CCCD a household another cooperative registered; leaving keeps the history', async () => {
    const [first, second] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const body = householdBody();
    const created = await as(first).post('/api/v1/households', body).expect(201);
    const secondCoop = (await me(second)).cooperativeId;
    const members = `/api/v1/cooperatives/${secondCoop}/members`;
    await as(second).post(members, { householdId: created.body.id }).expect(404);
    const joined = await as(second)
      .post(members, { nationalId: body.nationalId, role: 'board', joinedOn: '2026-02-01' })
      .expect(201);
    expect(joined.body).toMatchObject({
      householdId: created.body.id,
      role: 'board',
      joinedOn: '2026-02-01',
      leftOn: null,
    });
    await as(second).post(members, { nationalId: body.nationalId }).expect(409);
    await as(second).get(`/api/v1/households/${created.body.id}`).expect(200);

    await as(second).delete(`${members}/${created.body.id}`).expect(204);
    await as(second).get(`/api/v1/households/${created.body.id}`).expect(404);
    const current = await as(second).get(members).expect(200);
    expect(current.body.items.map((m: { householdId: string }) => m.householdId)).not.toContain(
      created.body.id,
    );
    const history = await as(second).get(`${members}?includeFormer=true`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ householdId: created.body.id, leftOn: expect.any(String) }),
    ]);
    // Rejoining after leaving is a new membership.
    await as(second).post(members, { nationalId: body.nationalId }).expect(201);
    const types = (
      await app.get(DataSource).getRepository(OutboxEvent).findBy({ aggregateId: secondCoop })
    ).map((e) => e.type);
    expect(types).toEqual(['membership.changed', 'membership.changed', 'membership.changed']);
  });

  it('answers 404 for another cooperative’s member list', async () => {
    const [mine, theirs] = [await fx.user('cooperative'), await fx.user('cooperative')];
    await as(mine)
      .get(`/api/v1/cooperatives/${(await me(theirs)).cooperativeId}/members`)
      .expect(404);
  });
});

describe('cooperatives and enterprises', () => {
  it('officials register cooperatives; tax code unique; cooperative staff edit their own but not its status', async () => {
    const taxCode = uniqueTaxCode();
    const body = {
      name: `HTX Hồng Vành Khuyên ${unique()}`,
      taxCode,
      communeCode: '06172',
      phone: '091 234 5678',
    };
    const created = await as(official).post('/api/v1/cooperatives', body).expect(201);
    expect(created.body).toMatchObject({ status: 'active', phone: '0912345678', version: 1 });
    await as(official).post('/api/v1/cooperatives', body).expect(409);
    await as(official)
      .post('/api/v1/cooperatives', { ...body, taxCode: '12345' })
      .expect(400);
    await as(official)
      .post('/api/v1/cooperatives', { ...body, taxCode: uniqueTaxCode(), communeCode: '99999' })
      .expect(422);
    const staff = await fx.user('cooperative', { cooperativeId: created.body.id });
    await as(staff)
      .patch(`/api/v1/cooperatives/${created.body.id}`, { address: 'Bản Nà Phái', version: 1 })
      .expect(200);
    await as(staff)
      .patch(`/api/v1/cooperatives/${created.body.id}`, { status: 'dissolved', version: 2 })
      .expect(403);
    const search = await as(official)
      .get(`/api/v1/cooperatives?search=${encodeURIComponent('htx hong vanh')}`)
      .expect(200);
    expect(search.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
  });

  it('a commune-bound official sees only that commune’s cooperatives', async () => {
    const local = await fx.user('official', { communeCode: '06463' });
    const inside = await fx.cooperative({ communeCode: '06463' });
    const outside = await fx.cooperative({ communeCode: '06427' });
    await as(local).get(`/api/v1/cooperatives/${inside.id}`).expect(200);
    await as(local).get(`/api/v1/cooperatives/${outside.id}`).expect(404);
  });

  it('enterprises: markets are ISO 3166 codes; staff edit only their own', async () => {
    const body = {
      name: `Công ty Hạt Dẻ ${unique()}`,
      taxCode: uniqueTaxCode(),
      kind: 'exporter',
      markets: ['cn', 'JP'],
    };
    const created = await as(official).post('/api/v1/enterprises', body).expect(201);
    expect(created.body.markets).toEqual(['CN', 'JP']);
    const bad = await as(official)
      .post('/api/v1/enterprises', { ...body, taxCode: uniqueTaxCode(), markets: ['XX'] })
      .expect(400);
    expect(bad.body.details[0].field).toBe('markets');
    const other = await fx.user('enterprise');
    await as(other)
      .patch(`/api/v1/enterprises/${created.body.id}`, { name: 'Chiếm quyền', version: 1 })
      .expect(404);
    const own = await fx.user('enterprise', { enterpriseId: created.body.id });
    await as(own)
      .patch(`/api/v1/enterprises/${created.body.id}`, { contactName: 'Lý Thị Hạnh', version: 1 })
      .expect(200);
  });
});

async function me(user: TestUser): Promise<{ cooperativeId: string }> {
  return (await as(user).get('/api/v1/auth/me').expect(200)).body;
}
