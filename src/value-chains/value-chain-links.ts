import { EntityManager, In } from 'typeorm';
import { BudgetLineResponse, ValueChainFigures, ValueChainLinks } from './dto/value-chain.response';
import {
  NO_CAPITAL_TYPE,
  ValueChainBudget,
  ValueChainCommune,
  ValueChainHousehold,
  ValueChainPartner,
} from './value-chain.entity';

const KINH = '01';

/**
 * Partners, communes, budget lines and the derived figures of several models: four queries
 * whatever the page size, the figures aggregated by the database, not by loading participants.
 */
export async function loadValueChainLinks(
  em: EntityManager,
  ids: string[],
): Promise<Map<string, ValueChainLinks>> {
  const links = new Map<string, ValueChainLinks>(
    ids.map((id) => [
      id,
      {
        partnerCooperativeIds: [],
        partnerEnterpriseIds: [],
        communeCodes: [],
        budget: [],
        figures: { households: 0, areaHa: 0, heads: 0, poorShare: 0, ethnicMinorityShare: 0 },
      },
    ]),
  );
  if (!ids.length) return links;
  const [partners, communes, budgets, figures] = await Promise.all([
    em.find(ValueChainPartner, { where: { valueChainId: In(ids) }, order: { partnerId: 'ASC' } }),
    em.find(ValueChainCommune, { where: { valueChainId: In(ids) }, order: { communeCode: 'ASC' } }),
    em.find(ValueChainBudget, {
      where: { valueChainId: In(ids) },
      order: { source: 'ASC', capitalType: 'ASC' },
    }),
    em
      .createQueryBuilder(ValueChainHousehold, 'p')
      .innerJoin('households', 'h', 'h.id = p.householdId')
      .select('p.valueChainId', 'id')
      .addSelect('COUNT(*)', 'households')
      .addSelect('COALESCE(SUM(p.areaHa), 0)', 'areaHa')
      .addSelect('COALESCE(SUM(p.heads), 0)', 'heads')
      .addSelect("SUM(CASE WHEN h.povertyStatus IN ('poor', 'near_poor') THEN 1 ELSE 0 END)", 'poor')
      .addSelect(`SUM(CASE WHEN h.ethnicity <> '${KINH}' THEN 1 ELSE 0 END)`, 'minority')
      .where({ valueChainId: In(ids) })
      .groupBy('p.valueChainId')
      .getRawMany<Record<'id' | 'households' | 'areaHa' | 'heads' | 'poor' | 'minority', string | number>>(),
  ]);
  for (const p of partners) {
    const l = links.get(p.valueChainId)!;
    (p.partnerType === 'cooperative' ? l.partnerCooperativeIds : l.partnerEnterpriseIds).push(p.partnerId);
  }
  for (const c of communes) links.get(c.valueChainId)!.communeCodes.push(c.communeCode);
  for (const b of budgets) links.get(b.valueChainId)!.budget.push(toBudgetLine(b));
  for (const f of figures) {
    const households = Number(f.households);
    links.get(String(f.id))!.figures = figuresOf(
      households,
      Number(f.areaHa),
      Number(f.heads),
      Number(f.poor),
      Number(f.minority),
    );
  }
  return links;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

function figuresOf(
  households: number,
  areaHa: number,
  heads: number,
  poor: number,
  minority: number,
): ValueChainFigures {
  return {
    households,
    areaHa: Math.round(areaHa * 100) / 100,
    heads,
    poorShare: share(poor, households),
    ethnicMinorityShare: share(minority, households),
  };
}

export const toBudgetLine = (b: ValueChainBudget): BudgetLineResponse => ({
  source: b.source,
  capitalType: b.capitalType === NO_CAPITAL_TYPE ? null : b.capitalType,
  amountVnd: b.amountVnd,
  disbursedVnd: b.disbursedVnd,
});
