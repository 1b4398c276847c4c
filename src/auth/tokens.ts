import type { Role } from './role';

/** Access and refresh tokens are signed with one secret, so audiences keep one from passing as the other. */
export const ACCESS_AUDIENCE = 'lienket:access';
export const REFRESH_AUDIENCE = 'lienket:refresh';
export const TOKEN_ISSUER = 'lienket';
export const TOKEN_ALGORITHM = 'HS256';

export interface AccessClaims {
  sub: string;
  username: string;
  role: Role;
  cooperativeId: string | null;
  enterpriseId: string | null;
  communeCode: string | null;
}

export interface RefreshClaims {
  sub: string;
  jti: string;
}
