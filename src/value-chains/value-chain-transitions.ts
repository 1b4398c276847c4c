import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { ValueChain, ValueChainStatus } from './value-chain.entity';

type Who = 'lead' | 'official';

/** SPEC §2: `draft → submitted → approved → implementing → completed`, `cancelled` before completed. */
const TRANSITIONS: Record<ValueChainStatus, Partial<Record<ValueChainStatus, Who[]>>> = {
  draft: { submitted: ['lead', 'official'], cancelled: ['lead', 'official'] },
  submitted: { approved: ['official'], cancelled: ['official'] },
  approved: { implementing: ['lead', 'official'], cancelled: ['official'] },
  implementing: { completed: ['official'], cancelled: ['official'] },
  completed: {},
  cancelled: {},
};

const isLead = (actor: Actor, chain: ValueChain): boolean =>
  (actor.role === 'cooperative' && chain.leadCooperativeId === actor.cooperativeId) ||
  (actor.role === 'enterprise' && chain.leadEnterpriseId === actor.enterpriseId);

/** 409 for a transition the lifecycle does not have (naming the allowed ones), 403 for the wrong role. */
export function assertValueChainTransition(actor: Actor, chain: ValueChain, to: ValueChainStatus): void {
  const allowed = TRANSITIONS[chain.status];
  const who = allowed[to];
  if (!who) {
    const next = Object.keys(allowed);
    throw new ConflictException({
      message: `Model ${chain.name} is ${chain.status}; it may go to ${next.length ? next.join(', ') : 'no other state'}, not ${to}`,
      currentStatus: chain.status,
      allowedStatuses: next,
    });
  }
  const official = actor.role === 'official' || actor.role === 'admin';
  if ((official && who.includes('official')) || (isLead(actor, chain) && who.includes('lead'))) return;
  throw new ForbiddenException(
    `Moving a model from ${chain.status} to ${to} is for ${who.join(' or ')} staff`,
  );
}
