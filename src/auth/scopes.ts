import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor';

/**
 * Which rows each role may see, applied inside the query (SPEC §1), so a row outside the caller's
 * scope answers exactly like a missing one. Every module's reads start from one of these.
 */
export const scopes = {
  /** Cooperative staff see their own cooperative; a commune-bound official or inspector, that commune's. */
  cooperatives<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    if (actor.role === 'cooperative')
      return qb.andWhere(`${alias}.id = :scopeCooperative`, { scopeCooperative: actor.cooperativeId });
    if (isCommuneBound(actor))
      return qb.andWhere(`${alias}.communeCode = :scopeCommune`, { scopeCommune: actor.communeCode });
    return qb;
  },

  /**
   * Households in the register (not soft-deleted): cooperative staff see current members of their
   * cooperative, a commune-bound official that commune's, enterprises none (personal data).
   */
  households<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    qb.andWhere(`${alias}.deletedAt IS NULL`);
    if (actor.role === 'cooperative') {
      // activeHouseholdId is set only on active memberships: one eq_ref lookup in the unique index.
      return qb.andWhere(
        `EXISTS (SELECT 1 FROM cooperative_members scope_m
           WHERE scope_m.cooperativeId = :scopeCooperative AND scope_m.activeHouseholdId = ${alias}.id)`,
        { scopeCooperative: actor.cooperativeId },
      );
    }
    if (actor.role === 'enterprise') return qb.andWhere('1 = 0');
    if (isCommuneBound(actor))
      return qb.andWhere(`${alias}.communeCode = :scopeCommune`, { scopeCommune: actor.communeCode });
    return qb;
  },

  /**
   * Growing-area codes: cooperative staff see the codes their cooperative manages, a commune-bound
   * official or inspector that commune's; enterprises read all (they source from them).
   */
  growingAreas<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    if (actor.role === 'cooperative')
      return qb.andWhere(`${alias}.cooperativeId = :scopeCooperative`, {
        scopeCooperative: actor.cooperativeId,
      });
    if (isCommuneBound(actor))
      return qb.andWhere(`${alias}.communeCode = :scopeCommune`, { scopeCommune: actor.communeCode });
    return qb;
  },

  /** Packing facilities: cooperative staff see the ones their cooperative operates; otherwise as codes. */
  packingFacilities<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    if (actor.role === 'cooperative')
      return qb.andWhere(`${alias}.operatorCooperativeId = :scopeCooperative`, {
        scopeCooperative: actor.cooperativeId,
      });
    if (isCommuneBound(actor))
      return qb.andWhere(`${alias}.communeCode = :scopeCommune`, { scopeCommune: actor.communeCode });
    return qb;
  },

  /**
   * Value-chain models: cooperative and enterprise staff see the models they lead or partner in,
   * a commune-bound official those covering the commune.
   */
  valueChains<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    for (const [role, lead, partnerType, id] of [
      ['cooperative', 'leadCooperativeId', 'cooperative', actor.cooperativeId],
      ['enterprise', 'leadEnterpriseId', 'enterprise', actor.enterpriseId],
    ] as const) {
      if (actor.role !== role) continue;
      return qb.andWhere(
        `(${alias}.${lead} = :scopeParty OR EXISTS (SELECT 1 FROM value_chain_partners scope_p
           WHERE scope_p.partnerType = '${partnerType}' AND scope_p.partnerId = :scopeParty
             AND scope_p.valueChainId = ${alias}.id))`,
        { scopeParty: id },
      );
    }
    if (isCommuneBound(actor)) {
      return qb.andWhere(
        `EXISTS (SELECT 1 FROM value_chain_communes scope_c
           WHERE scope_c.communeCode = :scopeCommune AND scope_c.valueChainId = ${alias}.id)`,
        { scopeCommune: actor.communeCode },
      );
    }
    return qb;
  },

  /**
   * Contracts: enterprise staff see their enterprise's, cooperative staff their cooperative's, a
   * commune-bound official those sourcing from a code in the commune.
   */
  contracts<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    const alias = qb.alias;
    if (actor.role === 'enterprise')
      return qb.andWhere(`${alias}.enterpriseId = :scopeEnterprise`, { scopeEnterprise: actor.enterpriseId });
    if (actor.role === 'cooperative')
      return qb.andWhere(`${alias}.cooperativeId = :scopeCooperative`, {
        scopeCooperative: actor.cooperativeId,
      });
    if (isCommuneBound(actor)) {
      return qb.andWhere(
        `EXISTS (SELECT 1 FROM contract_sources scope_s INNER JOIN growing_areas scope_g ON scope_g.id = scope_s.growingAreaId
           WHERE scope_s.contractId = ${alias}.id AND scope_g.communeCode = :scopeCommune)`,
        { scopeCommune: actor.communeCode },
      );
    }
    return qb;
  },

  /**
   * Audit entries: a commune-bound official reads the history of the records of that commune — its
   * households (deleted ones included), cooperatives, codes, facilities, the models covering it and
   * the contracts sourcing from it — and their own actions; province-level staff read all.
   */
  auditEntries<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, actor: Actor): SelectQueryBuilder<E> {
    if (!isCommuneBound(actor)) return qb;
    const a = qb.alias;
    const about = (entity: string, ids: string) =>
      `(${a}.entity = '${entity}' AND ${a}.entityId IN (${ids}))`;
    return qb.andWhere(
      `(${a}.actorId = :scopeActor
        OR ${about('household', 'SELECT scope_h.id FROM households scope_h WHERE scope_h.communeCode = :scopeCommune')}
        OR ${about('cooperative', 'SELECT scope_c.id FROM cooperatives scope_c WHERE scope_c.communeCode = :scopeCommune')}
        OR ${about('growing-area', 'SELECT scope_g.id FROM growing_areas scope_g WHERE scope_g.communeCode = :scopeCommune')}
        OR ${about('packing-facility', 'SELECT scope_f.id FROM packing_facilities scope_f WHERE scope_f.communeCode = :scopeCommune')}
        OR ${about('value-chain', 'SELECT scope_v.valueChainId FROM value_chain_communes scope_v WHERE scope_v.communeCode = :scopeCommune')}
        OR ${about(
          'contract',
          `SELECT scope_s.contractId FROM contract_sources scope_s
             INNER JOIN growing_areas scope_sg ON scope_sg.id = scope_s.growingAreaId
             WHERE scope_sg.communeCode = :scopeCommune`,
        )})`,
      { scopeActor: actor.id, scopeCommune: actor.communeCode },
    );
  },

  /** Enterprises are public business records: everyone reads them; enterprise staff edit only their own. */
  enterprises<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, _actor: Actor): SelectQueryBuilder<E> {
    return qb;
  },
};

/** An official or inspector bound to one commune (province-level staff have no commune). */
export const isCommuneBound = (actor: Actor): boolean =>
  (actor.role === 'official' || actor.role === 'inspector') && Boolean(actor.communeCode);
