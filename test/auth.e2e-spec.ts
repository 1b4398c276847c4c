import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD } from './support/fixtures';

let app: INestApplication;
let fx: Fixtures;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
});
afterAll(() => app.close());

const api = () => request(app.getHttpServer());
/**
 * Failed logins count per address, in Redis across runs: each test fails from an address of its
 * own (198.18.0.0/15, the benchmarking range), so runs never throttle each other.
 */
const someAddress = () =>
  `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

describe('POST /auth/login', () => {
  it('answers tokens and the user, without the password hash', async () => {
    const user = await fx.user('official');
    const res = await api()
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({
      expiresIn: 900,
      user: { id: user.id, username: user.username, role: 'official' },
    });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    const user = await fx.user('inspector');
    const from = someAddress();
    const wrong = await api()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', from)
      .send({ username: user.username, password: 'sai-mat-khau-123' });
    const unknown = await api()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', from)
      .send({ username: `khong.ton.tai.${user.id.slice(0, 8)}`, password: 'sai-mat-khau-123' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('throttles a username after 5 failures, even with the right password, and names no field', async () => {
    const user = await fx.user('official');
    const from = someAddress();
    for (let i = 0; i < 5; i++) {
      await api()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', from)
        .send({ username: user.username, password: `sai-${i}-mat-khau` })
        .expect(401);
    }
    const res = await api()
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: PASSWORD })
      .expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('throttles a client address after 30 failures across usernames', async () => {
    const ip = someAddress();
    for (let i = 0; i < 30; i++) {
      await api()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username: `ai.do.${i}.${ip}`, password: 'sai-mat-khau-1' })
        .expect(401);
    }
    const user = await fx.user('official');
    await api()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ username: user.username, password: PASSWORD })
      .expect(429);
    // Another address is not affected.
    await api()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ username: user.username, password: PASSWORD })
      .expect(200);
  });

  it('answers 400 naming the missing field', async () => {
    const res = await api().post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
  });
});

describe('GET /auth/me', () => {
  it('answers the caller with their bindings', async () => {
    const coop = await fx.cooperative();
    const user = await fx.user('cooperative', { cooperativeId: coop.id });
    const res = await api().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({
      id: user.id,
      role: 'cooperative',
      cooperativeId: coop.id,
      enterpriseId: null,
    });
  });

  it('refuses no token, a tampered token, alg=none, an expired token and a refresh token', async () => {
    const user = await fx.user('official');
    const jwt = app.get(JwtService);
    const [header, payload] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${user.token.split('.')[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const { sub, username, role, cooperativeId, enterpriseId, communeCode } = claims;
    const expired = await jwt.signAsync(
      {
        sub,
        username,
        role,
        cooperativeId,
        enterpriseId,
        communeCode,
        exp: Math.floor(Date.now() / 1000) - 10,
      },
      { audience: 'lienket:access' },
    );
    for (const token of [undefined, tampered, none, expired, user.refreshToken]) {
      const req = api().get('/api/v1/auth/me');
      const res = await (token ? req.set('Authorization', `Bearer ${token}`) : req);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
  });
});

describe('POST /auth/refresh', () => {
  it('rotates: the new pair works, the used refresh token is refused, and reuse revokes the family', async () => {
    const user = await fx.user('enterprise');
    const first = await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    await api().get('/api/v1/auth/me').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    // The reuse above revoked the whole family, including the token issued by the first refresh.
    await api().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
  });

  it('refuses an access token presented as a refresh token', async () => {
    const user = await fx.user('official');
    await api().post('/api/v1/auth/refresh').send({ refreshToken: user.token }).expect(401);
  });

  it('refuses a disabled account', async () => {
    const admin = await fx.user('admin');
    const user = await fx.user('inspector');
    const me = await api().get(`/api/v1/users/${user.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    await api()
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false, version: me.body.version })
      .expect(200);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await api().post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD }).expect(401);
  });
});

describe('POST /auth/logout', () => {
  it('revokes the session: its refresh tokens no longer renew; a bad token is 401', async () => {
    const user = await fx.user('cooperative');
    const renewed = await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    await api().post('/api/v1/auth/logout').send({ refreshToken: renewed.body.refreshToken }).expect(204);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: renewed.body.refreshToken }).expect(401);
    await api().post('/api/v1/auth/logout').send({ refreshToken: user.token }).expect(401);
    await api().post('/api/v1/auth/logout').send({}).expect(400);
  });
});
