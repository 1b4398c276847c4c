import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Programme } from '../support/support-record.entity';
import { Disbursement } from '../value-chains/disbursement.entity';
import { NO_CAPITAL_TYPE, ValueChain, ValueChainBudget } from '../value-chains/value-chain.entity';

export interface PlanLine {
  programme: string;
  source: string;
  capitalType: string | null;
  planVnd: number;
  disbursedVnd: number;
  /** disbursed / plan × 100, one decimal; null when nothing was planned. */
  percent: number | null;
}

export interface DisbursementReport {
  year: number;
  programme: Programme | null;
  /** Disbursements counted up to this date (31 December of the year). */
  asOf: string;
  lines: PlanLine[];
  byCapitalType: PlanLine[];
  /** Per programme and source (the state line is the programme capital of SPEC §7). */
  bySource: PlanLine[];
  total: Omit<PlanLine, 'programme' | 'source' | 'capitalType'>;
}

const percent = (part: number, whole: number): number | null =>
  whole ? Math.round((part / whole) * 1000) / 10 : null;

/**
 * Plan versus disbursed (SPEC §2): the budgets of models that start in the year (the year their
 * capital is allocated), and what was paid against them by 31 December of that year, by programme,
 * source and capital type. Two grouped queries.
 */
@Injectable()
export class DisbursementReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(year: number, programme?: Programme): Promise<DisbursementReport> {
    const asOf = `${year}-12-31`;
    const models = this.dataSource
      .createQueryBuilder(ValueChain, 'v')
      .where('v.startsOn >= :from AND v.startsOn <= :asOf', { from: `${year}-01-01`, asOf })
      .andWhere("v.status <> 'cancelled'");
    if (programme) models.andWhere('v.programme = :programme', { programme });
    const [plans, paid] = await Promise.all([
      models
        .clone()
        .innerJoin(ValueChainBudget, 'b', 'b.valueChainId = v.id')
        .select(['v.programme AS programme', 'b.source AS source', 'b.capitalType AS capitalType'])
        .addSelect('SUM(b.amountVnd)', 'planVnd')
        .groupBy('v.programme')
        .addGroupBy('b.source')
        .addGroupBy('b.capitalType')
        .getRawMany<{ programme: string; source: string; capitalType: string; planVnd: string }>(),
      models
        .clone()
        .innerJoin(Disbursement, 'd', 'd.valueChainId = v.id AND d.paidOn <= :asOf', { asOf })
        .select(['v.programme AS programme', 'd.source AS source', 'd.capitalType AS capitalType'])
        .addSelect('SUM(d.amountVnd)', 'paidVnd')
        .groupBy('v.programme')
        .addGroupBy('d.source')
        .addGroupBy('d.capitalType')
        .getRawMany<{ programme: string; source: string; capitalType: string | null; paidVnd: string }>(),
    ]);
    const key = (p: string, s: string, c: string | null) => `${p}|${s}|${c ?? NO_CAPITAL_TYPE}`;
    const lines = new Map<string, PlanLine>();
    for (const p of plans) {
      lines.set(key(p.programme, p.source, p.capitalType), {
        programme: p.programme,
        source: p.source,
        capitalType: p.capitalType || null,
        planVnd: Number(p.planVnd),
        disbursedVnd: 0,
        percent: null,
      });
    }
    for (const d of paid) {
      // State money paid against an unsplit state line is counted on that line.
      const line =
        lines.get(key(d.programme, d.source, d.capitalType)) ?? lines.get(key(d.programme, d.source, null));
      if (line) line.disbursedVnd += Number(d.paidVnd);
    }
    const all = [...lines.values()].map((l) => ({ ...l, percent: percent(l.disbursedVnd, l.planVnd) }));
    const byCapital = subtotals(
      all.filter((x) => x.capitalType),
      (l) => `${l.programme}|${l.capitalType}`,
    );
    const bySource = subtotals(all, (l) => `${l.programme}|${l.source}`, { capitalType: null });
    const planVnd = all.reduce((n, l) => n + l.planVnd, 0);
    const disbursedVnd = all.reduce((n, l) => n + l.disbursedVnd, 0);
    return {
      year,
      programme: programme ?? null,
      asOf,
      lines: all.sort((a, b) =>
        key(a.programme, a.source, a.capitalType).localeCompare(key(b.programme, b.source, b.capitalType)),
      ),
      byCapitalType: byCapital,
      bySource,
      total: { planVnd, disbursedVnd, percent: percent(disbursedVnd, planVnd) },
    };
  }
}

/** Lines added up by a key, with their percentage. */
function subtotals(
  lines: PlanLine[],
  key: (l: PlanLine) => string,
  override: Partial<PlanLine> = {},
): PlanLine[] {
  const sums = new Map<string, PlanLine>();
  for (const l of lines) {
    const acc = sums.get(key(l)) ?? { ...l, ...override, planVnd: 0, disbursedVnd: 0 };
    acc.planVnd += l.planVnd;
    acc.disbursedVnd += l.disbursedVnd;
    sums.set(key(l), acc);
  }
  return [...sums.values()].map((l) => ({ ...l, percent: percent(l.disbursedVnd, l.planVnd) }));
}
