import { EntityManager } from 'typeorm';
import type { OutboxEvent } from '@lienket/outbox';
import type { Channel } from './notification.entity';

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

/** A route as one SQL query with positional parameters, and the name behind each `?` in order. */
interface CompiledRoute {
  sql: string;
  names: string[];
}

/** Each type's queries as one UNION (which also drops a user two of them name), compiled once. */
const COMPILED = new Map<string, CompiledRoute>(
  Object.entries(ROUTES).map(([type, queries]) => {
    const names: string[] = [];
    const sql = queries.join(' UNION ').replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '?';
    });
    return [type, { sql, names }];
  }),
);

/** Route queries (distinct type and parameters) per statement: far below any engine's limits. */
const QUERIES_PER_STATEMENT = 100;

/** Each recipient of an event, with the channels they switched that event type off for (often none). */
export type Audience = Map<string, Channel[]>;

/** A row of the query that rides along with the routing (see audienceOfEach). */
export interface AlongsideRow {
  id: string;
  info: string | null;
}

/**
 * Who each event reaches (none for event types without a route), in the order of `events`, with
 * the channels each of them switched off for the event's type (notification_preferences; no row
 * means on). Events of one type with the same parameters — a bulk import's households of one
 * commune — share one route query; every route query of the batch goes into one UNION ALL, each
 * row tagged with its query: a round trip per QUERIES_PER_STATEMENT distinct queries.
 * `alongside`, a parameterless query of two text columns (id, info), goes into the first of those
 * statements and its rows are answered as they are: the delivery's other read (the active webhooks)
 * costs no round trip of its own.
 */
export async function audienceOfEach(
  em: EntityManager,
  events: OutboxEvent[],
  alongside?: string,
): Promise<{ audiences: Audience[]; alongside: AlongsideRow[] }> {
  const queries = new Map<string, { sql: string; values: unknown[]; events: number[] }>();
  events.forEach((event, i) => {
    const route = COMPILED.get(event.type);
    if (!route) return;
    const values = route.names.map((name) =>
      name === 'id' ? event.aggregateId : (event.payload?.[name.slice(2)] ?? null),
    );
    const key = `${event.type}\u0000${JSON.stringify(values)}`;
    const known = queries.get(key);
    if (known) known.events.push(i);
    else queries.set(key, { sql: route.sql, values: [...values, event.type], events: [i] });
  });
  const audiences = events.map((): Audience => new Map());
  const rode: AlongsideRow[] = [];
  const all = [...queries.values()];
  for (let i = 0; i === 0 || i < all.length; i += QUERIES_PER_STATEMENT) {
    const chunk = all.slice(i, i + QUERIES_PER_STATEMENT);
    const parts = chunk.map(
      (q, k) =>
        `SELECT ${i + k} AS q, r.id, p.channel AS info FROM (${q.sql}) r LEFT JOIN notification_preferences p
           ON p.userId = r.id AND p.eventType = ? AND p.enabled = 0`,
    );
    if (i === 0 && alongside) parts.push(`SELECT -1 AS q, a.id, a.info FROM (${alongside}) a`);
    if (!parts.length) break;
    const rows = (await em.query(
      parts.join(' UNION ALL '),
      chunk.flatMap((q) => q.values),
    )) as Array<{ q: number | string; id: string; info: string | null }>;
    for (const r of rows) {
      const q = Number(r.q);
      if (q < 0) {
        rode.push({ id: r.id, info: r.info });
        continue;
      }
      for (const e of all[q].events) {
        const off = audiences[e].get(r.id) ?? [];
        if (r.info) off.push(r.info as Channel);
        audiences[e].set(r.id, off);
      }
    }
  }
  return { audiences, alongside: rode };
}
