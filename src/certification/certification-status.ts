import { ConflictException } from '@nestjs/common';

/** SPEC §2: `pending → active ⇄ suspended`, and `revoked` from any other state (final). */
export const CERTIFICATION_STATUSES = ['pending', 'active', 'suspended', 'revoked'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** The one transition table growing-area codes and packing facilities share. */
export const TRANSITIONS: Record<CertificationStatus, readonly CertificationStatus[]> = {
  pending: ['active', 'revoked'],
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};

/** A refused transition is a 409 naming the current state and the ones it may go to. */
export function assertTransition(label: string, from: CertificationStatus, to: CertificationStatus): void {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return;
  throw new ConflictException({
    message: `${label} is ${from}; it may go to ${allowed.length ? allowed.join(', ') : 'no other state (revoked is final)'}, not ${to}`,
    currentStatus: from,
    allowedStatuses: allowed,
  });
}
