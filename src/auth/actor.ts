import { Role } from './role';

/** Who is calling: read from the access token, passed to every service method that scopes. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  cooperativeId: string | null;
  enterpriseId: string | null;
  communeCode: string | null;
}
