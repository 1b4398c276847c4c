import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { CodeStatusChange, CodeStatusHooks, isOutOfForce } from '../certification/code-status-hooks';
import { PackingFacilitySource } from './packing-facility-links.entity';

/**
 * The facility side of the suspension cascade: a code out of force flags every facility sourcing
 * from it (with the cause); reinstating the code clears the flag.
 */
@Injectable()
export class SourceCascade implements OnModuleInit {
  constructor(private readonly hooks: CodeStatusHooks) {}

  onModuleInit(): void {
    this.hooks.register('packing-facility sources', (em, change) => this.apply(em, change));
  }

  private async apply(em: EntityManager, change: CodeStatusChange): Promise<void> {
    if (isOutOfForce(change.to)) {
      await em.update(
        PackingFacilitySource,
        { growingAreaId: change.growingAreaId },
        {
          atRiskSince: new Date(),
          atRiskReason: `Code ${change.code} ${change.to}: ${change.reason}`.slice(0, 600),
        },
      );
    } else if (change.to === 'active') {
      await em.update(
        PackingFacilitySource,
        { growingAreaId: change.growingAreaId, atRiskSince: Not(IsNull()) },
        { atRiskSince: null, atRiskReason: null },
      );
    }
  }
}
