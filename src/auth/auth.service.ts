import { HttpException, HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Env } from '../config/env';
import { toUserResponse } from '../users/dto/user.response';
import { User } from '../users/user.entity';
import { LoginAttemptsService } from './login-attempts.service';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { TokenPairResponse } from './dto/token-pair.response';
import {
  ACCESS_AUDIENCE,
  AccessClaims,
  REFRESH_AUDIENCE,
  RefreshClaims,
  TOKEN_ALGORITHM,
  TOKEN_ISSUER,
} from './tokens';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async login(username: string, password: string, clientIp: string): Promise<TokenPairResponse> {
    const userKey = `user:${username.toLowerCase()}`;
    const ipKey = `ip:${clientIp}`;
    await this.refuseWhenThrottled(userKey, ipKey);
    const user = await this.users.findOneBy({ username: username.toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.active) {
      await Promise.all([this.attempts.recordFailure(userKey), this.attempts.recordFailure(ipKey)]);
      this.logger.warn({ msg: 'login failed', userId: user?.id ?? null });
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.attempts.clear(userKey);
    // A login is not an edit: keeping the version spares an admin's PATCH in flight a false 409.
    await this.users.update({ id: user.id }, { lastLoginAt: new Date(), version: () => 'version' });
    return this.issueTokens(user, randomUUID());
  }

  /** Rotates: the presented token is revoked and a new pair issued. Replaying a used token revokes its family. */
  async refresh(refreshToken: string): Promise<TokenPairResponse> {
    const claims = await this.verifyRefresh(refreshToken);
    const stored = await this.dataSource.getRepository(RefreshToken).findOneBy({ id: claims.jti });
    if (!stored || stored.userId !== claims.sub || stored.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedException('The refresh token is invalid or has expired');
    }
    const { affected } = await this.dataSource
      .getRepository(RefreshToken)
      .update({ id: stored.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!affected) {
      await this.dataSource
        .getRepository(RefreshToken)
        .update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      this.logger.warn({ msg: 'refresh token reused; family revoked', userId: stored.userId });
      throw new UnauthorizedException('The refresh token was already used');
    }
    const user = await this.users.findOneBy({ id: stored.userId });
    if (!user || !user.active) throw new UnauthorizedException('The account is disabled');
    return this.issueTokens(user, stored.familyId);
  }

  /** Ends the session the refresh token belongs to: every token of its family is revoked. */
  async logout(refreshToken: string): Promise<void> {
    const claims = await this.verifyRefresh(refreshToken);
    const repo = this.dataSource.getRepository(RefreshToken);
    const stored = await repo.findOneBy({ id: claims.jti });
    if (!stored || stored.userId !== claims.sub) return;
    await repo.update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async refuseWhenThrottled(userKey: string, ipKey: string): Promise<void> {
    const [byUser, byIp] = await Promise.all([
      this.attempts.failures(userKey),
      this.attempts.failures(ipKey),
    ]);
    if (
      byUser >= this.config.get('LOGIN_MAX_FAILURES_PER_USERNAME', { infer: true }) ||
      byIp >= this.config.get('LOGIN_MAX_FAILURES_PER_IP', { infer: true })
    ) {
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          message: 'Too many failed logins; wait a few minutes and try again',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  private async verifyRefresh(token: string): Promise<RefreshClaims> {
    try {
      return await this.jwt.verifyAsync<RefreshClaims & object>(token, {
        algorithms: [TOKEN_ALGORITHM],
        audience: REFRESH_AUDIENCE,
        issuer: TOKEN_ISSUER,
      });
    } catch {
      throw new UnauthorizedException('The refresh token is invalid or has expired');
    }
  }

  private async issueTokens(user: User, familyId: string): Promise<TokenPairResponse> {
    const accessTtl = this.config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    const refreshTtl = this.config.get('JWT_REFRESH_TTL_SECONDS', { infer: true });
    const claims: AccessClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      cooperativeId: user.cooperativeId,
      enterpriseId: user.enterpriseId,
      communeCode: user.communeCode,
    };
    const jti = randomUUID();
    await this.dataSource.getRepository(RefreshToken).insert({
      id: jti,
      userId: user.id,
      familyId,
      expiresAt: new Date(Date.now() + refreshTtl * 1000),
      revokedAt: null,
    });
    const [accessToken, refreshToken] = await Promise.all([
      this.jwt.signAsync(claims, { audience: ACCESS_AUDIENCE, expiresIn: accessTtl }),
      this.jwt.signAsync({ sub: user.id, jti } satisfies RefreshClaims, {
        audience: REFRESH_AUDIENCE,
        expiresIn: refreshTtl,
      }),
    ]);
    return { accessToken, refreshToken, expiresIn: accessTtl, user: toUserResponse(user) };
  }
}
