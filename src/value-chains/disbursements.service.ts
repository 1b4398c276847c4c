import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { findPage, Page, PageParams, ValidationFailedException } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { bulkInsert } from '../database/bulk-insert';
import { freshReads } from '../database/fresh-reads';
import { Disbursement } from './disbursement.entity';
import { CreateDisbursementDto } from './dto/value-chain-requests.dto';
import { NO_CAPITAL_TYPE, ValueChainBudget } from './value-chain.entity';
import { ValueChainsService } from './value-chains.service';

export interface DisbursementResponse {
  id: string;
  valueChainId: string;
  source: string;
  capitalType: string | null;
  amountVnd: number;
  paidOn: string;
  voucher: string | null;
  createdAt: Date;
}

const toDisbursementResponse = (d: Disbursement): DisbursementResponse => ({
  id: d.id,
  valueChainId: d.valueChainId,
  source: d.source,
  capitalType: d.capitalType,
  amountVnd: d.amountVnd,
  paidOn: d.paidOn,
  voucher: d.voucher,
  createdAt: d.createdAt,
});

/** Money paid out against a model's budget lines (giải ngân). */
@Injectable()
export class DisbursementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ValueChainsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Paid per budget line may never exceed it: the line's running total moves in one conditional
   * UPDATE, so concurrent disbursements that together overshoot are refused, never over-paid.
   */
  disburse(actor: Actor, id: string, dto: CreateDisbursementDto): Promise<DisbursementResponse> {
    if ((dto.source === 'state') !== Boolean(dto.capitalType)) {
      throw new ValidationFailedException([
        { field: 'capitalType', message: 'capitalType is required for state money and only for it' },
      ]);
    }
    // The refusal reports the line as others left it, not as this transaction's snapshot saw it.
    return this.dataSource.transaction(freshReads(this.dataSource), async (em) => {
      const chain = await this.chains.findEntity(actor, id, em);
      if (!['approved', 'implementing'].includes(chain.status)) {
        throw new ConflictException(
          `Model ${chain.name} is ${chain.status}: only approved or implementing models disburse`,
        );
      }
      const lines = await em.find(ValueChainBudget, { where: { valueChainId: id, source: dto.source } });
      const line =
        lines.find((l) => l.capitalType === dto.capitalType) ??
        lines.find((l) => l.capitalType === NO_CAPITAL_TYPE);
      if (!line) throw new UnprocessableEntityException(`The model has no ${dto.source} budget line`);
      const paid = await em
        .createQueryBuilder()
        .update(ValueChainBudget)
        .set({ disbursedVnd: () => 'disbursedVnd + :amount' })
        .where('valueChainId = :id AND source = :source AND capitalType = :capitalType', {
          id,
          source: line.source,
          capitalType: line.capitalType,
        })
        .andWhere('disbursedVnd + :amount <= amountVnd')
        .setParameter('amount', dto.amountVnd)
        .execute();
      if (!paid.affected) {
        const fresh = await em.findOneByOrFail(ValueChainBudget, {
          valueChainId: id,
          source: line.source,
          capitalType: line.capitalType,
        });
        throw new ConflictException({
          message: `Paying ${dto.amountVnd} VND would exceed the ${dto.source}${line.capitalType ? ` (${line.capitalType})` : ''} budget: ${fresh.amountVnd - fresh.disbursedVnd} VND remain`,
          budgetVnd: fresh.amountVnd,
          disbursedVnd: fresh.disbursedVnd,
        });
      }
      const row: Disbursement = {
        id: randomUUID(),
        valueChainId: id,
        source: dto.source,
        capitalType: dto.capitalType ?? null,
        amountVnd: dto.amountVnd,
        paidOn: dto.paidOn,
        voucher: dto.voucher ?? null,
        createdBy: actor.id,
        createdAt: new Date(),
      };
      await bulkInsert(em, Disbursement, [row]);
      await this.audit.record(em, actor, {
        entity: 'value-chain',
        entityId: id,
        action: 'disburse',
        changes: {
          amountVnd: { before: null, after: dto.amountVnd },
          source: { before: null, after: dto.source },
        },
      });
      return toDisbursementResponse(row);
    });
  }

  async disbursements(actor: Actor, id: string, q: PageParams): Promise<Page<DisbursementResponse>> {
    await this.chains.findEntity(actor, id);
    return findPage(
      this.dataSource.getRepository(Disbursement),
      q,
      { where: { valueChainId: id }, order: { paidOn: 'DESC', id: 'ASC' } },
      toDisbursementResponse,
    );
  }
}
