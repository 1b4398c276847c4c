import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdMergeRegistry } from '../integrity/household-merge.registry';
import { Plot } from './plot.entity';

/** Merging households moves plots; two plots in the same code become one with both areas. */
@Injectable()
export class PlotsMergeStep implements OnModuleInit {
  constructor(private readonly mergeSteps: HouseholdMergeRegistry) {}

  onModuleInit(): void {
    this.mergeSteps.register('plots', (em, fromId, intoId) => this.move(em, fromId, intoId));
  }

  private async move(em: EntityManager, fromId: string, intoId: string): Promise<void> {
    const moving = await em.findBy(Plot, { householdId: fromId });
    for (const plot of moving) {
      const kept = await em.findOneBy(Plot, { householdId: intoId, growingAreaId: plot.growingAreaId });
      if (kept) {
        await em.update(
          Plot,
          { id: kept.id },
          { areaHa: Math.round((kept.areaHa + plot.areaHa) * 100) / 100 },
        );
        await em.delete(Plot, { id: plot.id });
      } else {
        await em.update(Plot, { id: plot.id }, { householdId: intoId });
      }
    }
  }
}
