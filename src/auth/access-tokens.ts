import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import type { Actor } from './actor';
import { ACCESS_AUDIENCE, AccessClaims, TOKEN_ALGORITHM, TOKEN_ISSUER } from './tokens';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface Verified {
  actor: Actor;
  expiresAt: number;
}

/**
 * Reads an access token (from the API's bearer header or the pages' cookie) into the caller.
 * A client sends the same token with every request for its lifetime, so a token whose signature
 * checked out is remembered until it expires: verifying (HMAC, JSON, claims) cost more than a
 * tenth of answering a household search. Only tokens seen valid are kept, least recently used out first.
 */
@Injectable()
export class AccessTokens {
  static REMEMBERED = 10_000;
  private readonly verified = new LRUCache<string, Verified>({ max: AccessTokens.REMEMBERED });

  constructor(private readonly jwt: JwtService) {}

  /** The caller, or null when the token is malformed, tampered with or expired. */
  async actorOf(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.actor;
      this.verified.delete(token);
      return null;
    }
    if (!JWT_SHAPE.test(token)) return null;
    let claims: AccessClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & object>(token, {
        algorithms: [TOKEN_ALGORITHM],
        audience: ACCESS_AUDIENCE,
        issuer: TOKEN_ISSUER,
      });
    } catch {
      return null;
    }
    const actor: Actor = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      cooperativeId: claims.cooperativeId,
      enterpriseId: claims.enterpriseId,
      communeCode: claims.communeCode,
    };
    if (claims.exp) this.verified.set(token, { actor, expiresAt: claims.exp * 1000 });
    return actor;
  }
}
