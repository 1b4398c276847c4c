import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'lienket:roles';
export const PUBLIC_KEY = 'lienket:public';

/** Only these roles may call the route (admin is not implied: list it where SPEC §1 allows). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No token needed: login, refresh, the hello route. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
