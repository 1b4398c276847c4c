import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD, TestUser, unique } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
let admin: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  admin = await fx.user('admin');
});
afterAll(() => app.close());

const api = () => request(app.getHttpServer());
const asAdmin = {
  get: (url: string) => api().get(url).auth(admin.token, { type: 'bearer' }),
  post: (url: string, body: object) => api().post(url).auth(admin.token, { type: 'bearer' }).send(body),
  patch: (url: string, body: object) => api().patch(url).auth(admin.token, { type: 'bearer' }).send(body),
};

/** A valid POST /users body with a username no other test uses. */
const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `u.${unique()}`,
  password: PASSWORD,
  fullName: 'Lộc Văn Bình',
  role: 'official',
  ...overrides,
});

/** Failed logins go from their own address, so they never count against the shared loopback one. */
const testAddress = () =>
  `198.18.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

const login = (username: string, password: string) =>
  api().post('/api/v1/auth/login').set('X-Forwarded-For', testAddress()).send({ username, password });

const expectNoSecrets = (body: unknown) => {
  expect(JSON.stringify(body)).not.toMatch(/passwordHash|searchKey|\$argon2/);
};

interface AuditEntry {
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

const auditOf = async (userId: string): Promise<AuditEntry[]> => {
  const res = await asAdmin.get(`/api/v1/audit?entity=user&entityId=${userId}&limit=200`).expect(200);
  expectNoSecrets(res.body);
  return res.body.items;
};

describe('POST /users', () => {
  it('creates an admin, an official bound to a commune and an unbound inspector', async () => {
    const adminBody = newUser({ role: 'admin', fullName: 'Quản trị viên' });
    const created = await asAdmin.post('/api/v1/users', adminBody).expect(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: adminBody.username,
      fullName: 'Quản trị viên',
      role: 'admin',
      cooperativeId: null,
      enterpriseId: null,
      communeCode: null,
      active: true,
      lastLoginAt: null,
      version: 1,
    });
    expect(created.body.password).toBeUndefined();
    expectNoSecrets(created.body);

    const official = await asAdmin.post('/api/v1/users', newUser({ communeCode: '06427' })).expect(201);
    expect(official.body).toMatchObject({ role: 'official', communeCode: '06427', cooperativeId: null });

    const inspector = await asAdmin.post('/api/v1/users', newUser({ role: 'inspector' })).expect(201);
    expect(inspector.body).toMatchObject({ role: 'inspector', communeCode: null });
  });

  it('binds a cooperative user to their cooperative and an enterprise user to their enterprise', async () => {
    const coop = await fx.cooperative();
    const ent = await fx.enterprise();
    const c = await asAdmin
      .post('/api/v1/users', newUser({ role: 'cooperative', cooperativeId: coop.id }))
      .expect(201);
    expect(c.body).toMatchObject({ role: 'cooperative', cooperativeId: coop.id, enterpriseId: null });
    const e = await asAdmin
      .post('/api/v1/users', newUser({ role: 'enterprise', enterpriseId: ent.id }))
      .expect(201);
    expect(e.body).toMatchObject({ role: 'enterprise', enterpriseId: ent.id, cooperativeId: null });
    // The new user can log in and sees their binding.
    const session = await login(c.body.username, PASSWORD).expect(200);
    expect(session.body.user).toMatchObject({ id: c.body.id, cooperativeId: coop.id });
  });

  it('answers 422 for every binding the role cannot have or is missing, and creates nobody', async () => {
    const coop = await fx.cooperative();
    const ent = await fx.enterprise();
    const invalid = [
      newUser({ role: 'cooperative' }),
      newUser({ role: 'enterprise' }),
      newUser({ role: 'official', cooperativeId: coop.id }),
      newUser({ role: 'inspector', enterpriseId: ent.id }),
      newUser({ role: 'admin', communeCode: '06427' }),
      newUser({ role: 'cooperative', cooperativeId: coop.id, communeCode: '06427' }),
      newUser({ role: 'enterprise', enterpriseId: ent.id, cooperativeId: coop.id }),
      newUser({ role: 'cooperative', cooperativeId: randomUUID() }),
      newUser({ role: 'enterprise', enterpriseId: randomUUID() }),
      newUser({ role: 'official', communeCode: '99999' }),
    ];
    for (const body of invalid) {
      const res = await asAdmin.post('/api/v1/users', body);
      expect({ body, status: res.status }).toEqual({ body, status: 422 });
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      const found = await asAdmin.get(`/api/v1/users?search=${body.username}`).expect(200);
      expect(found.body.total).toBe(0);
    }
  });

  it('answers 409 for a taken username', async () => {
    const body = newUser();
    await asAdmin.post('/api/v1/users', body).expect(201);
    const res = await asAdmin.post('/api/v1/users', { ...body, fullName: 'Người khác' }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });
});

describe('GET /users', () => {
  it('pages a cooperative’s users as {items, total, page, limit} without overlap', async () => {
    const coop = await fx.cooperative();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await asAdmin
        .post('/api/v1/users', newUser({ role: 'cooperative', cooperativeId: coop.id }))
        .expect(201);
      ids.push(res.body.id);
    }
    const first = await asAdmin.get(`/api/v1/users?cooperativeId=${coop.id}&limit=2`).expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await asAdmin.get(`/api/v1/users?cooperativeId=${coop.id}&limit=2&page=2`).expect(200);
    expect(second.body).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(second.body.items).toHaveLength(1);
    const seen = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
    expect(seen.sort()).toEqual([...ids].sort());
    expectNoSecrets(first.body);
  });

  it('defaults to page 1 of 20', async () => {
    const res = await asAdmin.get('/api/v1/users').expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 20 });
    expect(res.body.items.length).toBeLessThanOrEqual(20);
    expect(res.body.total).toBeGreaterThanOrEqual(1);
  });

  it('filters by role and by cooperativeId', async () => {
    const coop = await fx.cooperative();
    const member = await asAdmin
      .post('/api/v1/users', newUser({ role: 'cooperative', cooperativeId: coop.id }))
      .expect(201);
    const inspector = await asAdmin.post('/api/v1/users', newUser({ role: 'inspector' })).expect(201);

    const inspectors = await asAdmin
      .get(`/api/v1/users?role=inspector&limit=200&sort=-createdAt`)
      .expect(200);
    expect(inspectors.body.items.every((u: { role: string }) => u.role === 'inspector')).toBe(true);
    expect(inspectors.body.items.map((u: { id: string }) => u.id)).toContain(inspector.body.id);

    const ofCoop = await asAdmin.get(`/api/v1/users?cooperativeId=${coop.id}`).expect(200);
    expect(ofCoop.body.items.map((u: { id: string }) => u.id)).toEqual([member.body.id]);
    const wrongRole = await asAdmin.get(`/api/v1/users?cooperativeId=${coop.id}&role=enterprise`).expect(200);
    expect(wrongRole.body).toMatchObject({ items: [], total: 0 });
  });

  it('searches the full name without diacritics or case, from the start of the name', async () => {
    const coop = await fx.cooperative();
    const lan = await asAdmin
      .post(
        '/api/v1/users',
        newUser({ role: 'cooperative', cooperativeId: coop.id, fullName: 'Hoàng Thị Lan' }),
      )
      .expect(201);
    const duc = await asAdmin
      .post(
        '/api/v1/users',
        newUser({ role: 'cooperative', cooperativeId: coop.id, fullName: 'Nguyễn Văn Đức' }),
      )
      .expect(201);
    const search = async (term: string) => {
      const res = await asAdmin
        .get(`/api/v1/users?cooperativeId=${coop.id}&search=${encodeURIComponent(term)}`)
        .expect(200);
      expectNoSecrets(res.body);
      return res.body.items.map((u: { id: string }) => u.id);
    };
    expect(await search('hoang thi')).toEqual([lan.body.id]);
    expect(await search('HOÀNG THỊ LAN')).toEqual([lan.body.id]);
    expect(await search('nguyen van duc')).toEqual([duc.body.id]);
    expect(await search('thi lan')).toEqual([]);
    expect(await search('%')).toEqual([]);
    // The username is searched too.
    expect(await search(lan.body.username)).toEqual([lan.body.id]);
  });
});

describe('GET /users/:id', () => {
  it('answers the user without secrets, and 404 for an unknown id', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser({ fullName: 'Vi Thị Hạnh' })).expect(201);
    const res = await asAdmin.get(`/api/v1/users/${created.body.id}`).expect(200);
    expect(res.body).toEqual(created.body);
    expectNoSecrets(res.body);
    const missing = await asAdmin.get(`/api/v1/users/${randomUUID()}`).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe('PATCH /users/:id', () => {
  it('changes fields and bumps the version by one per change', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser({ communeCode: '06427' })).expect(201);
    const id = created.body.id;
    const first = await asAdmin
      .patch(`/api/v1/users/${id}`, { fullName: 'Hoàng Văn Thụ', version: created.body.version })
      .expect(200);
    expect(first.body).toMatchObject({ fullName: 'Hoàng Văn Thụ', communeCode: '06427', version: 2 });
    expectNoSecrets(first.body);
    const second = await asAdmin
      .patch(`/api/v1/users/${id}`, { communeCode: '06196', version: 2 })
      .expect(200);
    expect(second.body).toMatchObject({ fullName: 'Hoàng Văn Thụ', communeCode: '06196', version: 3 });
    const read = await asAdmin.get(`/api/v1/users/${id}`).expect(200);
    expect(read.body).toMatchObject({ fullName: 'Hoàng Văn Thụ', communeCode: '06196', version: 3 });
  });

  it('answers 409 for a stale version and leaves the record as it was', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    const id = created.body.id;
    await asAdmin.patch(`/api/v1/users/${id}`, { fullName: 'Lần thứ nhất', version: 1 }).expect(200);
    const stale = await asAdmin
      .patch(`/api/v1/users/${id}`, { fullName: 'Lần thứ hai', version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    const read = await asAdmin.get(`/api/v1/users/${id}`).expect(200);
    expect(read.body).toMatchObject({ fullName: 'Lần thứ nhất', version: 2 });
  });

  it('keeps the version when the user logs in, so an edit from an earlier read still applies', async () => {
    const body = newUser();
    const created = await asAdmin.post('/api/v1/users', body).expect(201);
    const session = await login(body.username, PASSWORD).expect(200);
    expect(session.body.user.version).toBe(1);
    const read = await asAdmin.get(`/api/v1/users/${created.body.id}`).expect(200);
    expect(read.body).toMatchObject({ version: 1, lastLoginAt: expect.any(String) });
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { fullName: 'Sau đăng nhập', version: 1 })
      .expect(200);
    expect(res.body).toMatchObject({ fullName: 'Sau đăng nhập', version: 2 });
  });

  it('drops the bindings the new role cannot have', async () => {
    const coop = await fx.cooperative();
    const member = await asAdmin
      .post('/api/v1/users', newUser({ role: 'cooperative', cooperativeId: coop.id }))
      .expect(201);
    const toInspector = await asAdmin
      .patch(`/api/v1/users/${member.body.id}`, { role: 'inspector', version: 1 })
      .expect(200);
    expect(toInspector.body).toMatchObject({ role: 'inspector', cooperativeId: null, version: 2 });
    const update = (await auditOf(member.body.id)).find((e) => e.action === 'update');
    expect(update?.changes).toEqual({
      role: { before: 'cooperative', after: 'inspector' },
      cooperativeId: { before: coop.id, after: null },
    });

    const official = await asAdmin.post('/api/v1/users', newUser({ communeCode: '06427' })).expect(201);
    const toInspectorKeeps = await asAdmin
      .patch(`/api/v1/users/${official.body.id}`, { role: 'inspector', version: 1 })
      .expect(200);
    expect(toInspectorKeeps.body).toMatchObject({ role: 'inspector', communeCode: '06427' });
    const toAdmin = await asAdmin
      .patch(`/api/v1/users/${official.body.id}`, { role: 'admin', version: 2 })
      .expect(200);
    expect(toAdmin.body).toMatchObject({
      role: 'admin',
      communeCode: null,
      cooperativeId: null,
      enterpriseId: null,
    });
  });

  it('answers 422 for a role change that needs a binding not given, and changes nothing', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { role: 'cooperative', version: 1 })
      .expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, message: expect.stringContaining('cooperativeId') });
    const coop = await fx.cooperative();
    const moved = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { role: 'cooperative', cooperativeId: coop.id, version: 1 })
      .expect(200);
    expect(moved.body).toMatchObject({ role: 'cooperative', cooperativeId: coop.id, version: 2 });
  });

  it('a new password works for login and the old one no longer does', async () => {
    const body = newUser({ role: 'inspector' });
    const created = await asAdmin.post('/api/v1/users', body).expect(201);
    await login(body.username, PASSWORD).expect(200);
    const newPassword = 'Mật-khẩu-mới-2026!';
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { password: newPassword, version: 1 })
      .expect(200);
    expectNoSecrets(res.body);
    expect(res.body.password).toBeUndefined();
    await login(body.username, PASSWORD).expect(401);
    const fresh = await login(body.username, newPassword).expect(200);
    expect(fresh.body.user.id).toBe(created.body.id);
  });

  it('answers 400 without a version, 404 for an unknown id', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { fullName: 'Không phiên bản' })
      .expect(400);
    expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['version']));
    await asAdmin.patch(`/api/v1/users/${randomUUID()}`, { fullName: 'Không ai', version: 1 }).expect(404);
  });

  it('answers 400 naming the field for a required field cleared with null, and changes nothing', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser({ fullName: 'Lý Văn Tài' })).expect(201);
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { fullName: null, version: 1 })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('fullName');
    const inactive = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { active: null, version: 1 })
      .expect(400);
    expect(inactive.body.details.map((d: { field: string }) => d.field)).toContain('active');
    const read = await asAdmin.get(`/api/v1/users/${created.body.id}`).expect(200);
    expect(read.body).toMatchObject({ fullName: 'Lý Văn Tài', active: true, version: 1 });
  });

  it('refuses to change the username', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    const res = await asAdmin
      .patch(`/api/v1/users/${created.body.id}`, { username: `x.${unique()}`, version: 1 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['username']);
  });
});

describe('audit of user changes', () => {
  it('records creation, updates and password changes with the actor, the changed fields and no secret', async () => {
    const body = newUser({ fullName: 'Đinh Thị Mai', communeCode: '06427' });
    const created = await asAdmin.post('/api/v1/users', body).expect(201);
    const id = created.body.id;
    await asAdmin.patch(`/api/v1/users/${id}`, { fullName: 'Đinh Thị Mây', version: 1 }).expect(200);
    await asAdmin.patch(`/api/v1/users/${id}`, { password: 'Một-mật-khẩu-khác-1', version: 2 }).expect(200);

    const entries = await auditOf(id);
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorId: admin.id,
        actorUsername: admin.username,
        entityId: id,
        entity: 'user',
      });
    }
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual(['create', 'update', 'update+password']);
    expect(byAction.create.changes).toMatchObject({
      username: { before: null, after: body.username },
      fullName: { before: null, after: 'Đinh Thị Mai' },
      role: { before: null, after: 'official' },
      communeCode: { before: null, after: '06427' },
    });
    expect(byAction.update.changes).toEqual({ fullName: { before: 'Đinh Thị Mai', after: 'Đinh Thị Mây' } });
    expect(JSON.stringify(byAction['update+password'])).not.toMatch(
      /Một-mật-khẩu-khác|\$argon2|passwordHash/,
    );
  });

  it('writes nothing for a refused change', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    await asAdmin.patch(`/api/v1/users/${created.body.id}`, { fullName: 'Cũ', version: 7 }).expect(409);
    await asAdmin.patch(`/api/v1/users/${created.body.id}`, { role: 'enterprise', version: 1 }).expect(422);
    const entries = await auditOf(created.body.id);
    expect(entries.map((e) => e.action)).toEqual(['create']);
  });

  it('lists only what the filter asks for: entity and actor', async () => {
    const created = await asAdmin.post('/api/v1/users', newUser()).expect(201);
    const byActor = await asAdmin.get(`/api/v1/audit?actor=${admin.id}&limit=200`).expect(200);
    expect(byActor.body.items.every((e: AuditEntry) => e.actorId === admin.id)).toBe(true);
    expect(byActor.body.items.map((e: { entityId: string }) => e.entityId)).toContain(created.body.id);
    const otherEntity = await asAdmin
      .get(`/api/v1/audit?entity=product&entityId=${created.body.id}`)
      .expect(200);
    expect(otherEntity.body.total).toBe(0);
  });
});

describe('roles other than admin', () => {
  it.each(['official', 'inspector', 'cooperative', 'enterprise'] as const)(
    '%s gets 403 on every /users route, and nothing changes',
    async (role) => {
      const caller = await fx.user(role);
      const target = await asAdmin.post('/api/v1/users', newUser()).expect(201);
      const body = newUser();
      const auth = { type: 'bearer' } as const;
      const responses = [
        await api().post('/api/v1/users').auth(caller.token, auth).send(body),
        await api().get('/api/v1/users').auth(caller.token, auth),
        await api().get(`/api/v1/users/${target.body.id}`).auth(caller.token, auth),
        await api()
          .patch(`/api/v1/users/${target.body.id}`)
          .auth(caller.token, auth)
          .send({ fullName: 'Bị đổi', version: 1 }),
        await api()
          .patch(`/api/v1/users/${caller.id}`)
          .auth(caller.token, auth)
          .send({ role: 'admin', version: 1 }),
      ];
      for (const res of responses) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
      const found = await asAdmin.get(`/api/v1/users?search=${body.username}`).expect(200);
      expect(found.body.total).toBe(0);
      const unchanged = await asAdmin.get(`/api/v1/users/${target.body.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ fullName: target.body.fullName, version: 1 });
      const self = await asAdmin.get(`/api/v1/users/${caller.id}`).expect(200);
      expect(self.body.role).toBe(role);
    },
  );

  it('every /users route answers 401 without a token', async () => {
    const id = randomUUID();
    for (const res of [
      await api().post('/api/v1/users').send(newUser()),
      await api().get('/api/v1/users'),
      await api().get(`/api/v1/users/${id}`),
      await api().patch(`/api/v1/users/${id}`).send({ version: 1 }),
    ]) {
      expect(res.status).toBe(401);
    }
  });
});
