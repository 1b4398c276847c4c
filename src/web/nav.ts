import type { Role } from '../auth/role';
import type { MessageKey } from './i18n/catalogue';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'official', 'inspector', 'cooperative', 'enterprise'];

/** The menu, in order; each person sees the entries of their role. */
export const NAV: NavItem[] = [
  { href: '/inbox', label: 'nav.inbox', roles: EVERYONE },
  { href: '/dashboard', label: 'nav.dashboard', roles: EVERYONE },
  { href: '/codes', label: 'nav.codes', roles: EVERYONE },
  { href: '/facilities', label: 'nav.facilities', roles: EVERYONE },
  { href: '/value-chains', label: 'nav.valueChains', roles: EVERYONE },
  { href: '/duplicates', label: 'nav.duplicates', roles: ['admin', 'official'] },
  { href: '/supply', label: 'supply.nav', roles: ['enterprise', 'official', 'admin'] },
  { href: '/contracts', label: 'contracts.nav', roles: ['enterprise', 'official', 'admin', 'cooperative'] },
  { href: '/households', label: 'households.nav', roles: ['cooperative', 'official', 'admin'] },
  { href: '/cooperatives', label: 'members.nav', roles: ['cooperative', 'official', 'admin'] },
  { href: '/my-codes', label: 'myCodes.nav', roles: ['cooperative'] },
  { href: '/imports/households', label: 'imports.nav', roles: ['cooperative', 'official', 'admin'] },
];

/** Where `/` takes each role. */
export const HOME: Record<Role, string> = {
  admin: '/dashboard',
  official: '/dashboard',
  inspector: '/dashboard',
  cooperative: '/households',
  enterprise: '/supply',
};
