import { EntityManager } from 'typeorm';
import type { OutboxEvent } from '@lienket/outbox';

/** SQL fragments naming users; each selects `id` from users `u`. */
const ACTIVE = 'u.active = 1';
const cooperativeUsers = (param: string) =>
  `SELECT u.id FROM users u WHERE ${ACTIVE} AND u.role = 'cooperative' AND u.cooperativeId = ${param}`;
const provinceOfficials = `SELECT u.id FROM users u WHERE ${ACTIVE} AND u.role = 'official' AND u.communeCode IS NULL`;

/**
 * Who hears of a code: its cooperative, every enterprise with a draft or active contract naming it,
 * the operators of every facility packing from it, and the officials of its commune (SPEC §4).
 */
const CODE_AUDIENCE = [
  `SELECT u.id FROM users u INNER JOIN growing_areas g ON g.cooperativeId = u.cooperativeId
     WHERE ${ACTIVE} AND u.role = 'cooperative' AND g.id = :id`,
  `SELECT u.id FROM users u INNER JOIN contracts c ON c.enterpriseId = u.enterpriseId AND c.status IN ('draft', 'active')
     INNER JOIN contract_sources cs ON cs.contractId = c.id
     WHERE ${ACTIVE} AND u.role = 'enterprise' AND cs.growingAreaId = :id`,
  `SELECT u.id FROM users u INNER JOIN packing_facilities f
       ON (u.role = 'cooperative' AND f.operatorCooperativeId = u.cooperativeId)
       OR (u.role = 'enterprise' AND f.operatorEnterpriseId = u.enterpriseId)
     INNER JOIN packing_facility_sources ps ON ps.packingFacilityId = f.id
     WHERE ${ACTIVE} AND ps.growingAreaId = :id`,
  `SELECT u.id FROM users u INNER JOIN growing_areas g ON g.id = :id
     WHERE ${ACTIVE} AND u.role IN ('official', 'inspector') AND (u.communeCode IS NULL OR u.communeCode = g.communeCode)`,
];
const FACILITY_AUDIENCE = [
  `SELECT u.id FROM users u INNER JOIN packing_facilities f
       ON (u.role = 'cooperative' AND f.operatorCooperativeId = u.cooperativeId)
       OR (u.role = 'enterprise' AND f.operatorEnterpriseId = u.enterpriseId)
     WHERE ${ACTIVE} AND f.id = :id`,
  `SELECT u.id FROM users u INNER JOIN packing_facilities f ON f.id = :id
     WHERE ${ACTIVE} AND u.role IN ('official', 'inspector') AND (u.communeCode IS NULL OR u.communeCode = f.communeCode)`,
];
const CONTRACT_AUDIENCE = [
  `SELECT u.id FROM users u INNER JOIN contracts c ON c.enterpriseId = u.enterpriseId WHERE ${ACTIVE} AND u.role = 'enterprise' AND c.id = :id`,
  `SELECT u.id FROM users u INNER JOIN contracts c ON c.cooperativeId = u.cooperativeId WHERE ${ACTIVE} AND u.role = 'cooperative' AND c.id = :id`,
];
const VALUE_CHAIN_AUDIENCE = [
  `SELECT u.id FROM users u INNER JOIN value_chains v
       ON (u.role = 'cooperative' AND v.leadCooperativeId = u.cooperativeId)
       OR (u.role = 'enterprise' AND v.leadEnterpriseId = u.enterpriseId)
     WHERE ${ACTIVE} AND v.id = :id`,
  `SELECT u.id FROM users u INNER JOIN value_chain_partners p
       ON (u.role = 'cooperative' AND p.partnerType = 'cooperative' AND p.partnerId = u.cooperativeId)
       OR (u.role = 'enterprise' AND p.partnerType = 'enterprise' AND p.partnerId = u.enterpriseId)
     WHERE ${ACTIVE} AND p.valueChainId = :id`,
  provinceOfficials,
];

/**
 * The one place that maps an event type to its recipients by role and scope (SPEC §4). Each entry
 * is a union of user queries over the event's aggregate id (`:id`) and payload (`:p_<field>`).
 */
const ROUTES: Record<string, string[]> = {
  'code.suspended': CODE_AUDIENCE,
  'code.reinstated': CODE_AUDIENCE,
  'code.revoked': CODE_AUDIENCE,
  'code.activated': CODE_AUDIENCE,
  'code.inspection_due': CODE_AUDIENCE,
  'code.inspection_overdue': CODE_AUDIENCE,
  'code.volume_exceeds_capacity': CODE_AUDIENCE,
  'facility.suspended': FACILITY_AUDIENCE,
  'facility.reinstated': FACILITY_AUDIENCE,
  'facility.revoked': FACILITY_AUDIENCE,
  'facility.activated': FACILITY_AUDIENCE,
  'facility.inspection_due': FACILITY_AUDIENCE,
  'facility.inspection_overdue': FACILITY_AUDIENCE,
  'contract.activated': CONTRACT_AUDIENCE,
  'contract.expiring': CONTRACT_AUDIENCE,
  'contract.source_at_risk': CONTRACT_AUDIENCE,
  'supply.shortfall': CONTRACT_AUDIENCE,
  'value_chain.status_changed': VALUE_CHAIN_AUDIENCE,
  'value_chain.disbursement_lagging': VALUE_CHAIN_AUDIENCE,
  // Per household, only the officials of its own commune: a bulk import must not flood the province.
  'household.registered': [
    `SELECT u.id FROM users u WHERE ${ACTIVE} AND u.role = 'official' AND u.communeCode = :p_communeCode`,
  ],
  'household.probable_duplicate': [provinceOfficials],
  'membership.changed': [cooperativeUsers(':p_cooperativeId')],
};

export const ROUTED_EVENT_TYPES = Object.keys(ROUTES);

/** Route queries per statement: far below any engine's limits on statement size and parameters. */
const QUERIES_PER_STATEMENT = 100;

/**
 * The user ids each event reaches (deduplicated; none for event types without a route), in the
 * order of `events`. Every route query of the batch goes into one UNION ALL, each row tagged with
 * its event's position: a round trip per QUERIES_PER_STATEMENT queries, not per event and query.
 */
export async function recipientsOfEach(em: EntityManager, events: OutboxEvent[]): Promise<string[][]> {
  const parts: Array<{ sql: string; values: unknown[] }> = [];
  events.forEach((event, i) => {
    const queries = ROUTES[event.type] ?? [];
    const params: Record<string, unknown> = { id: event.aggregateId };
    for (const [, field] of queries.join(' ').matchAll(/:p_(\w+)/g))
      params[`p_${field}`] = event.payload?.[field] ?? null;
    for (const sql of queries) {
      const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params);
      parts.push({ sql: `SELECT ${i} AS e, r.id FROM (${query}) r`, values });
    }
  });
  const ids = events.map(() => new Set<string>());
  for (let i = 0; i < parts.length; i += QUERIES_PER_STATEMENT) {
    const chunk = parts.slice(i, i + QUERIES_PER_STATEMENT);
    const rows = (await em.query(
      chunk.map((p) => p.sql).join(' UNION ALL '),
      chunk.flatMap((p) => p.values),
    )) as Array<{ e: number | string; id: string }>;
    for (const r of rows) ids[Number(r.e)].add(r.id);
  }
  return ids.map((set) => [...set]);
}
