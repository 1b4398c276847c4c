import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Page, paginate } from '@lienket/http-common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { isCommuneBound } from '../auth/scopes';
import { notFound } from '../database/optimistic-update';
import { Household } from '../households/household.entity';
import { SupportRule } from '../support/support-rule.entity';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { DuplicatePair } from './duplicate-pair.entity';
import { DismissDuplicateDto, ListDuplicatesQuery, MergeDuplicateDto } from './dto/duplicate-decision.dto';
import { DuplicatePairResponse, toDuplicatePairResponse } from './dto/duplicate-pair.response';
import { PutSupportRulesDto, SupportRuleDto } from './dto/support-rule.dto';
import { HouseholdMergeRegistry } from './household-merge.registry';

@Injectable()
export class IntegrityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly detection: DuplicateDetectionService,
    private readonly mergeSteps: HouseholdMergeRegistry,
  ) {}

  async rules(): Promise<SupportRuleDto[]> {
    const rows = await this.dataSource.getRepository(SupportRule).find({
      order: { existingProgramme: 'ASC', newProgramme: 'ASC', kind: 'ASC' },
    });
    return rows.map(({ existingProgramme, newProgramme, kind, allowed }) => ({
      existingProgramme,
      newProgramme,
      kind,
      allowed,
    }));
  }

  async replaceRules(actor: Actor, dto: PutSupportRulesDto): Promise<SupportRuleDto[]> {
    const keys = dto.rules.map((r) => `${r.existingProgramme}|${r.newProgramme}|${r.kind}`);
    const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
    if (repeated)
      throw new UnprocessableEntityException(`The rule ${repeated.replace(/\|/g, ' → ')} is listed twice`);
    const before = await this.rules();
    await this.dataSource.transaction(async (em) => {
      await em.createQueryBuilder().delete().from(SupportRule).execute();
      if (dto.rules.length) await em.insert(SupportRule, dto.rules);
      await this.audit.record(em, actor, {
        entity: 'integrity',
        entityId: 'allowed-combinations',
        action: 'replace',
        changes: { rules: { before: before.map(ruleText), after: dto.rules.map(ruleText) } },
      });
    });
    return this.rules();
  }

  listDuplicates(actor: Actor, q: ListDuplicatesQuery): Promise<Page<DuplicatePairResponse>> {
    const qb = this.pairs(this.dataSource.manager, actor).andWhere('p.status = :status', {
      status: q.status ?? 'open',
    });
    // Both columns are indexed (the pair's unique key leads with A; B has its own).
    if (q.householdId) {
      qb.andWhere('(p.householdAId = :householdId OR p.householdBId = :householdId)', {
        householdId: q.householdId,
      });
    }
    return paginate(qb, q, toDuplicatePairResponse, '-score');
  }

  /** Moves everything of the other household onto the kept one, then retires it: one transaction. */
  merge(actor: Actor, pairId: string, dto: MergeDuplicateDto): Promise<DuplicatePairResponse> {
    return this.dataSource.transaction(async (em) => {
      const pair = await this.openPair(em, actor, pairId);
      const ids = [pair.householdAId, pair.householdBId];
      if (!ids.includes(dto.keepHouseholdId)) {
        throw new UnprocessableEntityException(
          'keepHouseholdId must be one of the two households of the pair',
        );
      }
      const fromId = ids.find((id) => id !== dto.keepHouseholdId)!;
      const moved = await this.mergeSteps.run(em, fromId, dto.keepHouseholdId);
      await em.update(
        Household,
        { id: fromId },
        { deletedAt: new Date(), deletedReason: `merged into ${dto.keepHouseholdId}` },
      );
      await em.update(
        DuplicatePair,
        { id: pairId },
        { status: 'merged', decidedBy: actor.id, decidedAt: new Date(), decisionNote: dto.note ?? null },
      );
      const reason = dto.note ?? `probable duplicate ${pairId}`;
      for (const [entityId, action] of [
        [fromId, `merged into ${dto.keepHouseholdId}`],
        [dto.keepHouseholdId, `absorbed ${fromId}`],
      ]) {
        await this.audit.record(em, actor, {
          entity: 'household',
          entityId,
          action: 'merge',
          changes: { merge: { before: null, after: `${action}; moved: ${moved.join(', ')}` } },
          reason,
        });
      }
      return toDuplicatePairResponse(
        await this.pairs(em, actor, true).andWhere('p.id = :pairId', { pairId }).getOneOrFail(),
      );
    });
  }

  /** Remembered: a dismissed pair is never proposed again. */
  dismiss(actor: Actor, pairId: string, dto: DismissDuplicateDto): Promise<DuplicatePairResponse> {
    return this.dataSource.transaction(async (em) => {
      await this.openPair(em, actor, pairId);
      await em.update(
        DuplicatePair,
        { id: pairId },
        { status: 'dismissed', decidedBy: actor.id, decidedAt: new Date(), decisionNote: dto.note ?? null },
      );
      return toDuplicatePairResponse(
        await this.pairs(em, actor).andWhere('p.id = :pairId', { pairId }).getOneOrFail(),
      );
    });
  }

  /** Re-checks the whole register (e.g. after a migration of old spreadsheets), in batches. */
  async scan(): Promise<{ scanned: number; newPairs: number }> {
    let scanned = 0;
    let newPairs = 0;
    let after = '';
    for (;;) {
      const batch = await this.dataSource.getRepository(Household).find({
        where: { id: MoreThan(after) },
        select: { id: true },
        order: { id: 'ASC' },
        take: 2000,
      });
      if (!batch.length) break;
      const ids = batch.map((h) => h.id);
      newPairs += await this.dataSource.transaction((em) => this.detection.detectFor(em, ids));
      scanned += ids.length;
      after = ids[ids.length - 1];
    }
    return { scanned, newPairs };
  }

  /** Pairs with both sides loaded; a commune-bound official sees pairs in that commune only. */
  private pairs(em: EntityManager, actor: Actor, withDeleted = false) {
    const live = withDeleted ? '' : ' AND {alias}.deletedAt IS NULL';
    const qb = em
      .createQueryBuilder(DuplicatePair, 'p')
      .innerJoinAndMapOne(
        'p.householdA',
        Household,
        'ha',
        `ha.id = p.householdAId${live.replace('{alias}', 'ha')}`,
      )
      .innerJoinAndMapOne(
        'p.householdB',
        Household,
        'hb',
        `hb.id = p.householdBId${live.replace('{alias}', 'hb')}`,
      );
    if (isCommuneBound(actor))
      qb.andWhere('ha.communeCode = :scopeCommune', { scopeCommune: actor.communeCode });
    return qb;
  }

  private async openPair(em: EntityManager, actor: Actor, pairId: string): Promise<DuplicatePair> {
    const pair = await this.pairs(em, actor, true).andWhere('p.id = :pairId', { pairId }).getOne();
    if (!pair) throw notFound('Probable duplicate', pairId);
    if (pair.status !== 'open') throw new ConflictException(`This pair was already ${pair.status}`);
    const retired = [pair.householdA, pair.householdB].filter((h) => h?.deletedAt);
    if (retired.length)
      throw new ConflictException('One of the two households has been deleted or merged meanwhile');
    return pair;
  }
}

const ruleText = (r: SupportRuleDto): string =>
  `${r.existingProgramme} → ${r.newProgramme} (${r.kind}): ${r.allowed ? 'allowed' : 'forbidden'}`;
