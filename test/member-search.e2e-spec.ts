import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { cccdFor, householdBody } from './support/households';

/**
 * A cooperative's name search reads its memberships' copies of the households' name keys and commune
 * (kept by database triggers): every way a name, a commune or a membership changes must reach it.
 */
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
interface Listed {
  id: string;
  headName: string;
}

async function register(user: TestUser, headName: string, extra: Record<string, unknown> = {}) {
  const res = await as(user)
    .post('/api/v1/households', householdBody({ headName, village: `Thôn Tìm ${unique()}`, ...extra }))
    .expect(201);
  return res.body as Listed & { version: number; nationalId: string };
}

async function search(user: TestUser, query: string) {
  const res = await as(user).get(`/api/v1/households?${query}`).expect(200);
  return { names: (res.body.items as Listed[]).map((h) => h.headName), total: res.body.total as number };
}

describe("a cooperative's name search", () => {
  it('matches the start of the full or the given name once each, in name order, paged, own members only', async () => {
    const [coop, other] = [await fx.user('cooperative'), await fx.user('cooperative')];
    for (const name of ['Nông Thị Hưng', 'Hùng Văn Hùng', 'Hoàng Văn Hùng', 'Lý Văn Hải', 'Hứa Thị Lan'])
      await register(coop, name);
    await register(other, 'Hoàng Văn Hùng');

    expect(await search(coop, 'search=hung')).toEqual({
      names: ['Hoàng Văn Hùng', 'Hùng Văn Hùng', 'Nông Thị Hưng'],
      total: 3,
    });
    expect(await search(coop, 'search=HƯNG&limit=2')).toEqual({
      names: ['Hoàng Văn Hùng', 'Hùng Văn Hùng'],
      total: 3,
    });
    expect(await search(coop, 'search=hung&limit=2&page=2')).toEqual({ names: ['Nông Thị Hưng'], total: 3 });
    expect(await search(coop, 'search=hung&limit=2&page=3')).toEqual({ names: [], total: 3 });
    expect(await search(coop, `search=${encodeURIComponent('hoang van h')}`)).toEqual({
      names: ['Hoàng Văn Hùng'],
      total: 1,
    });
    expect(await search(coop, 'search=van')).toEqual({ names: [], total: 0 });
    // The general list (another filter given) agrees.
    expect(await search(coop, 'search=hung&povertyStatus=near_poor')).toEqual(
      await search(coop, 'search=hung'),
    );
  });

  it('lists each household exactly as GET /households/:id and the general list show it', async () => {
    const coop = await fx.user('cooperative');
    const registered = await register(coop, 'Đàm Thị Ngọc', {
      phone: '0912345678',
      consent: { givenOn: '2026-03-02', scope: 'Chương trình 1719' },
    });
    // An update makes updatedAt differ from createdAt, both with their milliseconds.
    await as(coop)
      .patch(`/api/v1/households/${registered.id}`)
      .send({ version: registered.version, memberCount: 6 })
      .expect(200);
    const one = (await as(coop).get(`/api/v1/households/${registered.id}`).expect(200)).body;
    expect(one.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(one.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const searched = (await as(coop).get('/api/v1/households?search=dam%20thi%20ng').expect(200)).body;
    expect(searched.items).toEqual([one]);
    const general = (await as(coop).get('/api/v1/households?search=dam%20thi%20ng&sort=headName').expect(200))
      .body;
    expect(general.items).toEqual([one]);
  });

  it('pages given names typed in full and longer ones together, in name order', async () => {
    const coop = await fx.user('cooperative');
    for (const name of ['Nông Văn Lân', 'Lý Văn Lành', 'Hoàng Thị Lan', 'Lan Văn Tú', 'Vi Thị Lam'])
      await register(coop, name);
    const all = ['Hoàng Thị Lan', 'Lan Văn Tú', 'Lý Văn Lành', 'Nông Văn Lân'];
    expect(await search(coop, 'search=lan')).toEqual({ names: all, total: 4 });
    for (let page = 1; page <= 4; page++)
      expect(await search(coop, `search=lan&limit=1&page=${page}`)).toEqual({
        names: [all[page - 1]],
        total: 4,
      });
    expect(await search(coop, 'search=la&limit=2&page=2')).toEqual({
      names: ['Lý Văn Lành', 'Nông Văn Lân'],
      total: 5,
    });
    expect(await search(coop, 'search=la&limit=2&page=3')).toEqual({ names: ['Vi Thị Lam'], total: 5 });
    // The general list (another filter given) agrees.
    expect(await search(coop, 'search=la&povertyStatus=near_poor')).toEqual(await search(coop, 'search=la'));
  });

  it('follows renames, commune moves, soft deletes, leaving and rejoining', async () => {
    const coop = await fx.user('cooperative');
    const cooperativeId = (await as(coop).get('/api/v1/auth/me').expect(200)).body.cooperativeId as string;
    const mai = await register(coop, 'Vi Thị Mai', { gender: 'female' });
    const duc = await register(coop, 'Vi Văn Đức', { communeCode: '06196' });

    await as(coop)
      .patch(`/api/v1/households/${mai.id}`, { headName: 'Vi Thị Mây', version: mai.version })
      .expect(200);
    expect(await search(coop, 'search=mai')).toEqual({ names: [], total: 0 });
    expect(await search(coop, 'search=may')).toEqual({ names: ['Vi Thị Mây'], total: 1 });

    expect(await search(coop, 'search=vi&communeCode=06196')).toEqual({ names: ['Vi Văn Đức'], total: 1 });
    await as(coop)
      .patch(`/api/v1/households/${duc.id}`, { communeCode: '06427', version: duc.version })
      .expect(200);
    expect(await search(coop, 'search=vi&communeCode=06196')).toEqual({ names: [], total: 0 });
    expect(await search(coop, 'search=vi&communeCode=06427')).toEqual({
      names: ['Vi Thị Mây', 'Vi Văn Đức'],
      total: 2,
    });

    const members = `/api/v1/cooperatives/${cooperativeId}/members`;
    await as(coop).delete(`${members}/${duc.id}`).expect(204);
    expect(await search(coop, 'search=vi')).toEqual({ names: ['Vi Thị Mây'], total: 1 });
    await as(coop).post(members, { nationalId: duc.nationalId }).expect(201);
    expect(await search(coop, 'search=vi')).toEqual({ names: ['Vi Thị Mây', 'Vi Văn Đức'], total: 2 });

    await as(coop).delete(`/api/v1/households/${mai.id}`).send({ reason: 'Đăng ký nhầm' }).expect(204);
    expect(await search(coop, 'search=vi')).toEqual({ names: ['Vi Văn Đức'], total: 1 });
  });

  it('finds a merged household under the kept name in the cooperatives of both', async () => {
    const [c1, c2] = [await fx.user('cooperative'), await fx.user('cooperative')];
    const village = `Thôn Gộp ${unique()}`;
    const body = { gender: 'female', birthYear: 1979, village };
    const keep = await register(c1, 'Lục Thị Tươi', body);
    const dup = await register(c2, 'Lục Thị Tươu', body);
    const res = await as(official).get(`/api/v1/integrity/duplicates?householdId=${keep.id}`).expect(200);
    const pair = (res.body.items as Array<{ id: string; a: { id: string }; b: { id: string } }>).find((p) =>
      [p.a.id, p.b.id].includes(dup.id),
    );
    await as(official)
      .post(`/api/v1/integrity/duplicates/${pair!.id}/merge`, { keepHouseholdId: keep.id })
      .expect(200);
    for (const coop of [c1, c2]) {
      const found = await as(coop).get('/api/v1/households?search=tuoi').expect(200);
      expect(found.body.items.map((h: Listed) => h.id)).toEqual([keep.id]);
      expect(found.body.total).toBe(1);
      expect(await search(coop, 'search=tuou')).toEqual({ names: [], total: 0 });
    }
  });

  it('keeps totals exact when the same searches repeat across every kind of change', async () => {
    const coop = await fx.user('cooperative');
    const cooperativeId = (await as(coop).get('/api/v1/auth/me').expect(200)).body.cooperativeId as string;
    const members = `/api/v1/cooperatives/${cooperativeId}/members`;
    const versions = async () =>
      Number(
        (
          await app
            .get(DataSource)
            .query('SELECT version FROM cooperative_member_versions WHERE cooperativeId = ?', [cooperativeId])
        )[0]?.version ?? 0,
      );
    const totals = async () => ({
      tr: (await search(coop, 'search=tr')).total,
      trieu: (await search(coop, `search=${encodeURIComponent('trieu van')}&limit=1`)).total,
      // Past the last page: the count comes from its own statement.
      farTr: (await search(coop, 'search=tr&page=9')).total,
      tam: (await search(coop, 'search=tam&communeCode=06427')).total,
    });
    const a = await register(coop, 'Triệu Văn Tâm');
    const b = await register(coop, 'Triệu Văn Trọng', { communeCode: '06196' });
    expect(await totals()).toEqual({ tr: 2, trieu: 2, farTr: 2, tam: 1 });
    // Listed as read alone: dates, the consent date and numbers decode alike on every protocol.
    const listed = await as(coop).get('/api/v1/households?search=trieu%20van%20ta').expect(200);
    expect(listed.body.items).toEqual([(await as(coop).get(`/api/v1/households/${a.id}`).expect(200)).body]);
    expect(listed.body.items[0].consent).toEqual({ givenOn: '2026-03-01', scope: 'programme-1719' });

    let before = await versions();
    const c = await register(coop, 'Hoàng Văn Tâm'); // a new member
    expect(await versions()).toBeGreaterThan(before);
    expect(await totals()).toEqual({ tr: 2, trieu: 2, farTr: 2, tam: 2 });

    await as(coop) // renamed out of one search, into none
      .patch(`/api/v1/households/${a.id}`, { headName: 'Nông Văn Tám', version: a.version })
      .expect(200);
    expect(await totals()).toEqual({ tr: 1, trieu: 1, farTr: 1, tam: 2 });

    await as(coop) // moved commune
      .patch(`/api/v1/households/${c.id}`, { communeCode: '06196', version: c.version })
      .expect(200);
    expect(await totals()).toEqual({ tr: 1, trieu: 1, farTr: 1, tam: 1 });

    await as(coop).delete(`${members}/${b.id}`).expect(204); // left
    expect(await totals()).toEqual({ tr: 0, trieu: 0, farTr: 0, tam: 1 });
    await as(coop).post(members, { nationalId: b.nationalId }).expect(201); // rejoined
    expect(await totals()).toEqual({ tr: 1, trieu: 1, farTr: 1, tam: 1 });

    // Imported in batches: two new members and a re-imported name.
    const village = `Thôn Nhập ${unique()}`;
    const row = (name: string, cccd: string) =>
      `"${name}","${cccd}","Nam",1980,"Tày","","06427","${village}",4,""`;
    const sheet = Buffer.from(
      [
        'Họ tên chủ hộ,Số CCCD,Giới tính,Năm sinh,Dân tộc,Số điện thoại,Xã/phường,Thôn,Số nhân khẩu,Hộ nghèo/cận nghèo',
        row('Triệu Văn Tâm', cccdFor(1980, 'male')),
        row('Trần Văn Tâm', cccdFor(1980, 'male')),
        row('Triệu Văn Trọng', b.nationalId),
      ].join('\n'),
      'utf8',
    );
    const preview = await request(app.getHttpServer())
      .post('/api/v1/imports/households')
      .auth(coop.token, { type: 'bearer' })
      .attach('file', sheet, { filename: 'tam.csv', contentType: 'text/csv' })
      .expect(201);
    before = await versions();
    await request(app.getHttpServer())
      .post(`/api/v1/imports/${preview.body.id}/commit`)
      .auth(coop.token, { type: 'bearer' })
      .expect(200);
    expect(await versions()).toBeGreaterThan(before);
    expect(await totals()).toEqual({ tr: 3, trieu: 2, farTr: 3, tam: 3 });

    await as(official).delete(`/api/v1/households/${c.id}`).send({ reason: 'Đăng ký nhầm' }).expect(204);
    expect(await totals()).toEqual({ tr: 3, trieu: 2, farTr: 3, tam: 3 });
    const d = (await search(coop, 'search=tran')).names;
    expect(d).toEqual(['Trần Văn Tâm']);
  });
});
