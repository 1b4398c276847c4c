import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CertificationStatus } from './certification-status';

export interface CodeStatusChange {
  growingAreaId: string;
  code: string;
  from: CertificationStatus;
  to: CertificationStatus;
  reason: string;
}

/** Flags (or clears) what depends on a code, inside the status change's transaction. */
export type CodeStatusHook = (em: EntityManager, change: CodeStatusChange) => Promise<void>;

/**
 * Modules that depend on growing-area codes (packing-facility sources, contracts) register here, so
 * a suspension or revocation reaches them in the same transaction without the codes module knowing
 * each of them.
 */
@Injectable()
export class CodeStatusHooks {
  private readonly hooks = new Map<string, CodeStatusHook>();

  register(name: string, hook: CodeStatusHook): void {
    this.hooks.set(name, hook);
  }

  async run(em: EntityManager, change: CodeStatusChange): Promise<void> {
    for (const hook of this.hooks.values()) await hook(em, change);
  }
}

/** The statuses in which a code supports nothing: what depends on it is at risk. */
export const isOutOfForce = (status: CertificationStatus): boolean =>
  status === 'suspended' || status === 'revoked';
