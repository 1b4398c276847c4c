import { EntityManager } from 'typeorm';
import type { OutboxEvent } from '@lienket/outbox';
import type { Channel } from './notification.entity';
import { isMysql, placeholders } from './sql-rows';

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

/**
 * A type's route over a list of keys (the one parameter its queries compare, `:id` or a payload
 * field), compiled once: each `X = :param` becomes `X IN (…)` and each query also selects the key it
 * matched as `k` (NULL for a query that names no parameter, such as the province's officials), so
 * one query routes every event of the type in a batch however many distinct keys they have.
 */
interface CompiledRoute {
  /** `:id` or `:p_<payload field>`; null when no query of the route names a parameter. */
  param: string | null;
  /** The UNION of the queries; each KEYS marker stands for the list of key placeholders. */
  sql: string;
  /** How many KEYS markers it has (each is bound to the same keys). */
  lists: number;
}

const KEYS = '/*keys*/';

function compile(type: string, queries: string[]): CompiledRoute {
  const params = new Set([...queries.join(' ').matchAll(/:(\w+)/g)].map((m) => m[1]));
  if (params.size > 1) throw new Error(`route ${type}: more than one parameter (${[...params].join(', ')})`);
  const param = params.size ? [...params][0] : null;
  let lists = 0;
  const sql = queries
    .map((query) => {
      const head = /^\s*SELECT u\.id FROM /;
      if (!head.test(query)) throw new Error(`route ${type}: a query must start SELECT u.id FROM`);
      const uses = [...query.matchAll(/([\w.]+) = :(\w+)\b/g)];
      if (uses.length !== (query.match(/:\w+/g) ?? []).length || uses.length > 1)
        throw new Error(`route ${type}: a query compares its parameter once, as column = :param`);
      if (!uses.length) return query.replace(head, 'SELECT NULL AS k, u.id FROM ');
      const [compared, column] = uses[0];
      lists++;
      return query
        .replace(compared, `${column} IN (${KEYS})`)
        .replace(head, `SELECT ${column} AS k, u.id FROM `);
    })
    .join(' UNION ');
  return { param, sql, lists };
}

const COMPILED = new Map<string, CompiledRoute>(
  Object.entries(ROUTES).map(([type, queries]) => [type, compile(type, queries)]),
);

/** Distinct keys per route query, and route queries per statement: far below any engine's limits. */
const KEYS_PER_QUERY = 200;
const QUERIES_PER_STATEMENT = 20;

/** Each recipient of an event, with the channels they switched that event type off for (often none). */
export type Audience = Map<string, Channel[]>;

/** A row of the query that rides along with the routing (see audienceOfEach). */
export interface AlongsideRow {
  id: string;
  info: string | null;
}

const keyOf = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * A key as MySQL's utf8mb4_unicode_ci compares it (case, accents and trailing spaces ignored): the
 * row's `k` is the stored value, which may differ so from the event's. SQLite compares exactly.
 */
const folded = (key: string): string => key.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trimEnd();

/**
 * Who each event reaches (none for event types without a route), in the order of `events`, with
 * the channels each of them switched off for the event's type (notification_preferences; no row
 * means on). The events of one type share one route query over their distinct keys (up to
 * KEYS_PER_QUERY); the route queries of the batch go into one UNION ALL, each row tagged with its
 * query: a round trip per QUERIES_PER_STATEMENT route queries, not per event.
 * `alongside`, a parameterless query of two text columns (id, info), goes into the first of those
 * statements and its rows are answered as they are: the delivery's other read (the active webhooks)
 * costs no round trip of its own.
 */
export async function audienceOfEach(
  em: EntityManager,
  events: OutboxEvent[],
  alongside?: string,
): Promise<{ audiences: Audience[]; alongside: AlongsideRow[] }> {
  // Per type: the events of each distinct key (a missing key is kept: it matches nobody, but a
  // query without a parameter still routes its event).
  const byType = new Map<string, Map<string, { value: unknown; events: number[] }>>();
  events.forEach((event, i) => {
    const route = COMPILED.get(event.type);
    if (!route) return;
    const value =
      route.param === null
        ? null
        : route.param === 'id'
          ? event.aggregateId
          : (event.payload?.[route.param.slice(2)] ?? null);
    const keys = byType.get(event.type) ?? new Map<string, { value: unknown; events: number[] }>();
    byType.set(event.type, keys);
    const known = keys.get(keyOf(value));
    if (known) known.events.push(i);
    else keys.set(keyOf(value), { value, events: [i] });
  });
  const queries: Array<{ sql: string; values: unknown[]; keys: Map<string, { events: number[] }> }> = [];
  for (const [type, keys] of byType) {
    const route = COMPILED.get(type)!;
    const all = [...keys];
    for (let i = 0; i < all.length; i += KEYS_PER_QUERY) {
      const chunk = all.slice(i, i + KEYS_PER_QUERY);
      const values = chunk.map(([, k]) => k.value);
      queries.push({
        sql: route.sql.split(KEYS).join(placeholders(values.length)),
        values: [...Array.from({ length: route.lists }, () => values).flat(), type],
        keys: new Map(chunk),
      });
    }
  }
  const fold = isMysql(em) ? folded : (key: string) => key;
  const reachedBy = queries.map((q) => {
    const byKey = new Map<string, number[]>();
    for (const [key, { events: of }] of q.keys)
      byKey.set(fold(key), [...(byKey.get(fold(key)) ?? []), ...of]);
    return byKey;
  });
  const audiences = events.map((): Audience => new Map());
  const rode: AlongsideRow[] = [];
  for (let i = 0; i === 0 || i < queries.length; i += QUERIES_PER_STATEMENT) {
    const chunk = queries.slice(i, i + QUERIES_PER_STATEMENT);
    const parts = chunk.map(
      (q, n) =>
        `SELECT ${i + n} AS q, r.k, r.id, p.channel AS info FROM (${q.sql}) r LEFT JOIN notification_preferences p
           ON p.userId = r.id AND p.eventType = ? AND p.enabled = 0`,
    );
    if (i === 0 && alongside) parts.push(`SELECT -1 AS q, NULL AS k, a.id, a.info FROM (${alongside}) a`);
    if (!parts.length) break;
    const rows = (await em.query(
      parts.join(' UNION ALL '),
      chunk.flatMap((q) => q.values),
    )) as Array<{ q: number | string; k: string | null; id: string; info: string | null }>;
    for (const r of rows) {
      const q = Number(r.q);
      if (q < 0) {
        rode.push({ id: r.id, info: r.info });
        continue;
      }
      // A row without a key (a query naming no parameter) reaches every event of its query.
      const reached =
        r.k === null
          ? [...queries[q].keys.values()].flatMap((k) => k.events)
          : (reachedBy[q].get(fold(keyOf(r.k))) ?? []);
      for (const e of reached) {
        const off = audiences[e].get(r.id) ?? [];
        if (r.info && !off.includes(r.info as Channel)) off.push(r.info as Channel);
        audiences[e].set(r.id, off);
      }
    }
  }
  return { audiences, alongside: rode };
}
