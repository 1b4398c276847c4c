import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor } from './actor';
import { ACCESS_AUDIENCE, AccessClaims, TOKEN_ALGORITHM, TOKEN_ISSUER } from './tokens';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Reads an access token (from the API's bearer header or the pages' cookie) into the caller. */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  /** The caller, or null when the token is malformed, tampered with or expired. */
  async actorOf(token: string | undefined): Promise<Actor | null> {
    if (!token || !JWT_SHAPE.test(token)) return null;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & object>(token, {
        algorithms: [TOKEN_ALGORITHM],
        audience: ACCESS_AUDIENCE,
        issuer: TOKEN_ISSUER,
      });
    } catch {
      return null;
    }
    return {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      cooperativeId: claims.cooperativeId,
      enterpriseId: claims.enterpriseId,
      communeCode: claims.communeCode,
    };
  }
}
