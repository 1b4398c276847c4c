import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Moves what one module holds for `fromId` over to `intoId`, inside the merge's transaction. */
export type HouseholdMergeStep = (em: EntityManager, fromId: string, intoId: string) => Promise<void>;

/**
 * Modules that keep rows per household (memberships, support, later plots and contracts) register
 * a step here, so merging two households moves everything without the merge knowing each table.
 */
@Injectable()
export class HouseholdMergeRegistry {
  private readonly steps = new Map<string, HouseholdMergeStep>();

  register(name: string, step: HouseholdMergeStep): void {
    this.steps.set(name, step);
  }

  async run(em: EntityManager, fromId: string, intoId: string): Promise<string[]> {
    for (const step of this.steps.values()) await step(em, fromId, intoId);
    return [...this.steps.keys()];
  }
}
