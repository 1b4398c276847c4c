import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { Fixtures, TestUser } from '../support/fixtures';
import { apiSurface, fillPath, isErrorBody } from './support/api-surface';

/**
 * OWASP API2:2023 Broken Authentication. test/auth.e2e-spec.ts already covers, on GET /auth/me: no
 * token, a tampered role, alg=none, an expired token and a refresh token as access token; and on
 * POST /auth/refresh: rotation, reuse of a rotated token revoking its family, an access token as
 * refresh token, a disabled account; plus login throttling (5 per username, 30 per address).
 * Here: every route without a token, more forgeries on routes that matter (an admin route, a
 * scoped list), forged refresh tokens, and malformed Authorization headers.
 *
 * Not covered by design: an access token stays valid until it expires (JWT_ACCESS_TTL_SECONDS,
 * 15 min) after the account is disabled or its role changes; refresh is refused at once.
 */
let app: INestApplication;
let coop: TestUser;
let jwt: JwtService;
beforeAll(async () => {
  app = await createTestApp();
  coop = await new Fixtures(app).user('cooperative');
  jwt = app.get(JwtService);
});
afterAll(() => app.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const now = () => Math.floor(Date.now() / 1000);

/** Access tokens that must all be refused, each with what is wrong with it. */
async function forgedAccessTokens(user: TestUser): Promise<Record<string, string>> {
  const [header, , signature] = user.token.split('.');
  const { iat: _iat, exp: _exp, aud: _aud, iss: _iss, ...claims } = claimsOf(user.token);
  const asAdmin = { ...claimsOf(user.token), role: 'admin', cooperativeId: null };
  const sign = (payload: object, options: Record<string, unknown> = {}) =>
    jwt.signAsync(payload, { audience: 'lienket:access', ...options });
  const otherSecret = new JwtService({ secret: 'an-attacker-secret-of-at-least-32-chars!!' });
  return {
    'role changed to admin, signature kept': `${header}.${b64(asAdmin)}.${signature}`,
    'alg none, no signature': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(asAdmin)}.`,
    'alg None with the old signature': `${b64({ alg: 'None', typ: 'JWT' })}.${b64(asAdmin)}.${signature}`,
    'expired ten seconds ago': await sign({ ...claims, exp: now() - 10 }),
    'not valid before next hour': await sign({ ...claims, nbf: now() + 3600 }),
    'signed with another secret': await otherSecret.signAsync(
      { ...claims, role: 'admin' },
      { audience: 'lienket:access', issuer: 'lienket', algorithm: 'HS256', expiresIn: 600 },
    ),
    'HS512 with the right secret': await sign(
      { ...claims, role: 'admin' },
      { algorithm: 'HS512', expiresIn: 600 },
    ),
    'another issuer': await sign(claims, { issuer: 'someone-else', expiresIn: 600 }),
    'no audience': await jwt.signAsync(claims, { expiresIn: 600 }),
    'the refresh audience': await sign(claims, { audience: 'lienket:refresh', expiresIn: 600 }),
    'the refresh token itself': user.refreshToken,
    'payload not JSON': `${header}.${Buffer.from('not json').toString('base64url')}.${signature}`,
    'two dots only': '..',
    'random characters': 'a'.repeat(40),
  };
}

it('every route but the public ones answers 401 in the error shape without a token', async () => {
  const { operations } = await apiSurface(app);
  const zeros = '00000000-0000-4000-8000-000000000000';
  const wrong: string[] = [];
  const guarded = operations.filter((op) => !op.isPublic);
  for (const op of guarded) {
    const path = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, zeros])));
    const res = await request(app.getHttpServer())[op.method](path).send({});
    if (!isErrorBody(res.body, 401))
      wrong.push(`${op.key}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
  }
  console.log(`API2: ${guarded.length} routes refuse a request without a token`);
  expect(wrong).toEqual([]);
});

it('refuses every forged, expired or misdirected access token, on an admin route and a scoped one', async () => {
  const forged = await forgedAccessTokens(coop);
  const answers: Record<string, string> = {};
  for (const [what, token] of Object.entries(forged)) {
    for (const path of ['/api/v1/users', '/api/v1/households', '/api/v1/auth/me']) {
      const res = await request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
      answers[`${what} → ${path}`] = isErrorBody(res.body, 401)
        ? '401'
        : `${res.status} ${JSON.stringify(res.body)}`;
    }
  }
  expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, '401'])));
  // The genuine token still works: the refusals above are about the forgeries.
  await request(app.getHttpServer()).get('/api/v1/auth/me').auth(coop.token, { type: 'bearer' }).expect(200);
});

it('refuses malformed Authorization headers with 401 (an oversized one with 431), never a 500', async () => {
  const headers = [
    'Bearer',
    'Bearer ',
    `Bearer  ${coop.token}`,
    `Bearer ${coop.token} ${coop.token}`,
    `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    `Token ${coop.token}`,
    `Bearer ${coop.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`,
    'Bearer ' + 'eyJ'.repeat(1000),
  ];
  for (const value of headers) {
    const res = await request(app.getHttpServer())
      .get('/api/v1/auth/me')
      .set('Authorization', value)
      .catch((e: { response?: request.Response }) => e.response!);
    expect({ value: value.slice(0, 40), ok: isErrorBody(res.body, 401) }).toEqual({
      value: value.slice(0, 40),
      ok: true,
    });
  }
  const huge = await request(app.getHttpServer())
    .get('/api/v1/auth/me')
    .set('Authorization', `Bearer ${'a'.repeat(20_000)}`)
    .catch((e: { response?: request.Response }) => e.response!);
  expect(huge.status).toBe(431);
  await request(app.getHttpServer()).get('/api/v1/auth/me').auth(coop.token, { type: 'bearer' }).expect(200);
});

it('refuses forged refresh tokens at refresh and logout: tampered, alg none, another secret, expired, unknown jti', async () => {
  const fresh = await new Fixtures(app).user('official');
  const [header, , signature] = fresh.refreshToken.split('.');
  const claims = claimsOf(fresh.refreshToken);
  const otherSecret = new JwtService({ secret: 'an-attacker-secret-of-at-least-32-chars!!' });
  const forged: Record<string, string> = {
    'sub changed, signature kept': `${header}.${b64({ ...claims, sub: coop.id })}.${signature}`,
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'another secret': await otherSecret.signAsync(
      { sub: claims.sub, jti: claims.jti },
      { audience: 'lienket:refresh', issuer: 'lienket', algorithm: 'HS256', expiresIn: 600 },
    ),
    expired: await jwt.signAsync(
      { sub: claims.sub, jti: claims.jti, exp: now() - 10 },
      { audience: 'lienket:refresh' },
    ),
    // Signed by us but naming a token that was never issued: the database has the last word.
    'unknown jti': await jwt.signAsync(
      { sub: claims.sub, jti: '00000000-0000-4000-8000-000000000000' },
      { audience: 'lienket:refresh', expiresIn: 600 },
    ),
    'another user’s jti': await jwt.signAsync(
      { sub: coop.id, jti: claims.jti },
      { audience: 'lienket:refresh', expiresIn: 600 },
    ),
  };
  for (const [what, refreshToken] of Object.entries(forged)) {
    const res = await request(app.getHttpServer()).post('/api/v1/auth/refresh').send({ refreshToken });
    expect({ what, ok: isErrorBody(res.body, 401) }).toEqual({ what, ok: true });
  }
  // Not even shaped like a token: the body is refused before any token check.
  const garbage = await request(app.getHttpServer())
    .post('/api/v1/auth/refresh')
    .send({ refreshToken: 'not-a-token' });
  expect(isErrorBody(garbage.body, 400) || isErrorBody(garbage.body, 401)).toBe(true);
  // Logging out with them ends no session: refused, or (a token we signed naming a jti that is
  // not the caller's) accepted without revoking anything.
  for (const [what, refreshToken] of Object.entries(forged)) {
    const res = await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refreshToken });
    expect({ what, status: [204, 401].includes(res.status) }).toEqual({ what, status: true });
  }
  // None of the attempts used up or revoked the genuine token.
  await request(app.getHttpServer())
    .post('/api/v1/auth/refresh')
    .send({ refreshToken: fresh.refreshToken })
    .expect(200);
});
