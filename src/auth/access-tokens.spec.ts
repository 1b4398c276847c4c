import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AccessTokens } from './access-tokens';
import { ACCESS_AUDIENCE, AccessClaims, REFRESH_AUDIENCE, TOKEN_ALGORITHM, TOKEN_ISSUER } from './tokens';

const jwt = new JwtService({
  secret: createSecretKey(Buffer.from('unit-test-secret-unit-test-secret-0123')),
  signOptions: { algorithm: TOKEN_ALGORITHM, issuer: TOKEN_ISSUER },
});
const claims: AccessClaims = {
  sub: 'u1',
  username: 'htx.mai',
  role: 'cooperative',
  cooperativeId: 'c1',
  enterpriseId: null,
  communeCode: null,
};
const sign = (audience = ACCESS_AUDIENCE, expiresIn = 900) =>
  jwt.sign({ ...claims }, { audience, expiresIn });

describe('AccessTokens', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers a token seen valid from memory until it expires, then refuses it', async () => {
    const tokens = new AccessTokens(jwt);
    const token = sign();
    const verify = jest.spyOn(jwt, 'verifyAsync');
    expect(await tokens.actorOf(token)).toMatchObject({ id: 'u1', role: 'cooperative', cooperativeId: 'c1' });
    expect(await tokens.actorOf(token)).toMatchObject({ id: 'u1' });
    expect(verify).toHaveBeenCalledTimes(1);

    const later = Date.now() + 901_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(await tokens.actorOf(token)).toBeNull();
    expect(await tokens.actorOf(token)).toBeNull(); // and checks it again, failing again
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('never remembers a token that failed: tampered, wrong audience, malformed', async () => {
    const tokens = new AccessTokens(jwt);
    const good = sign();
    const [head, body, signature] = good.split('.');
    const tampered = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [tampered, sign(REFRESH_AUDIENCE), 'not-a-jwt', '']) {
      expect(await tokens.actorOf(bad)).toBeNull();
      expect(await tokens.actorOf(bad)).toBeNull();
    }
    expect(await tokens.actorOf(good)).not.toBeNull();
  });

  it('keeps at most REMEMBERED tokens, dropping the least recently used', async () => {
    const cap = AccessTokens.REMEMBERED;
    AccessTokens.REMEMBERED = 3;
    let tokens: AccessTokens;
    try {
      tokens = new AccessTokens(jwt);
    } finally {
      AccessTokens.REMEMBERED = cap;
    }
    const first = sign();
    await tokens.actorOf(first);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    for (let i = 0; i < 3; i++)
      await tokens.actorOf(
        jwt.sign({ ...claims, sub: `u${i + 2}` }, { audience: ACCESS_AUDIENCE, expiresIn: 900 }),
      );
    await tokens.actorOf(first);
    expect(verify).toHaveBeenCalledTimes(4); // the first was dropped, so verified again
  });
});
