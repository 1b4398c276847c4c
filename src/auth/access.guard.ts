import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens';
import type { Actor } from './actor';
import { Role } from './role';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Global guard: a valid access token on every route not marked @Public(), then the route's @Roles(). */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    request.actor = await this.actorFrom(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async actorFrom(header: string | undefined): Promise<Actor> {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    if (!match) throw new UnauthorizedException('A bearer access token is required');
    const actor = await this.tokens.actorOf(match[1]);
    if (!actor) throw new UnauthorizedException('The access token is invalid or has expired');
    return actor;
  }
}
