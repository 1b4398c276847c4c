import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { CodeStatusChange, CodeStatusHooks, isOutOfForce } from '../certification/code-status-hooks';
import { HouseholdMergeRegistry } from '../integrity/household-merge.registry';
import { Contract, ContractSource } from './contract.entity';

/**
 * The contract side of the suspension cascade: a code out of force flags its rows in every draft
 * or active contract and announces `contract.source_at_risk` and `supply.shortfall` for the active
 * ones; reinstatement clears the flags. Also moves contracts when households merge.
 */
@Injectable()
export class ContractCascade implements OnModuleInit {
  constructor(
    private readonly hooks: CodeStatusHooks,
    private readonly mergeSteps: HouseholdMergeRegistry,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('contract sources', (em, change) => this.apply(em, change));
    this.mergeSteps.register('contracts', (em, fromId, intoId) =>
      em.update(Contract, { householdId: fromId }, { householdId: intoId }).then(() => undefined),
    );
  }

  private async apply(em: EntityManager, change: CodeStatusChange): Promise<void> {
    const rows = await em
      .createQueryBuilder(ContractSource, 's')
      .innerJoinAndMapOne(
        's.contract',
        Contract,
        'c',
        "c.id = s.contractId AND c.status IN ('draft', 'active')",
      )
      .where('s.growingAreaId = :id', { id: change.growingAreaId })
      .getMany();
    if (!rows.length) return;
    const contractIds = rows.map((r) => r.contractId);
    if (!isOutOfForce(change.to)) {
      if (change.to === 'active') {
        await em.update(
          ContractSource,
          { growingAreaId: change.growingAreaId, contractId: In(contractIds), atRiskSince: Not(IsNull()) },
          { atRiskSince: null, atRiskReason: null },
        );
      }
      return;
    }
    await em.update(
      ContractSource,
      { growingAreaId: change.growingAreaId, contractId: In(contractIds), atRiskSince: IsNull() },
      {
        atRiskSince: new Date(),
        atRiskReason: `Code ${change.code} ${change.to}: ${change.reason}`.slice(0, 600),
      },
    );
    const active = rows.filter(
      (r) => (r as ContractSource & { contract: Contract }).contract.status === 'active',
    );
    await this.outbox.recordMany(
      em,
      active.flatMap((r) => {
        const contract = (r as ContractSource & { contract: Contract }).contract;
        const payload = {
          contractId: contract.id,
          enterpriseId: contract.enterpriseId,
          cooperativeId: contract.cooperativeId,
          growingAreaId: change.growingAreaId,
          code: change.code,
          status: change.to,
          reason: change.reason,
          atRiskVolume: r.committedVolume,
        };
        return [
          { type: 'contract.source_at_risk', aggregateType: 'contract', aggregateId: contract.id, payload },
          { type: 'supply.shortfall', aggregateType: 'contract', aggregateId: contract.id, payload },
        ];
      }),
    );
  }
}
