export const ROLES = ['admin', 'official', 'inspector', 'cooperative', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];
