import { EntityManager } from 'typeorm';

export interface MemberNameSearch {
  cooperativeId: string;
  /** Folded, LIKE-escaped prefix ending in '%' (toSearchPrefix). */
  prefix: string;
  communeCode?: string;
  offset: number;
  limit: number;
}

/**
 * A cooperative's name search over its active memberships, which carry copies of the households'
 * name keys and commune: each branch is one range of a membership index, read index-only, so
 * matching thousands of members costs no row lookups. A one-word term also matches the given name;
 * that branch leaves out rows the full-name branch already has, so the two add up without overlap.
 */
export class MemberNameQuery {
  readonly params: Record<string, string>;
  private readonly branches: Array<{ index: string; where: string }>;

  constructor(
    private readonly em: EntityManager,
    private readonly q: MemberNameSearch,
  ) {
    this.params = { memberCooperative: q.cooperativeId, memberPrefix: q.prefix };
    const active = `m.cooperativeId = :memberCooperative AND m.activeHouseholdId IS NOT NULL${
      q.communeCode ? ' AND m.communeCode = :memberCommune' : ''
    }`;
    if (q.communeCode) this.params.memberCommune = q.communeCode;
    const fullName = "m.searchKey LIKE :memberPrefix ESCAPE '!'";
    this.branches = [{ index: 'IDX_cooperative_members_search', where: `${fullName} AND ${active}` }];
    // The given-name key is one word, so a term with a space can only match the full name.
    if (!q.prefix.includes(' ')) {
      this.branches.push({
        index: 'IDX_cooperative_members_given_name',
        where: `m.givenNameKey LIKE :memberPrefix ESCAPE '!' AND NOT (${fullName}) AND ${active}`,
      });
    }
  }

  /**
   * The page's household ids (`id`), their folded names (`searchKey`) and the count of all matches
   * (`total`), in the order of the general list: folded name, then id. One statement reads each
   * match once; an empty page has no row to carry the count (see count()).
   */
  pageSql(): string {
    return `SELECT u.id, u.searchKey, COUNT(*) OVER () AS total FROM (${this.branches
      .map(
        (
          b,
        ) => `SELECT m.activeHouseholdId AS id, m.searchKey FROM cooperative_members m ${this.using(b.index)}
          WHERE ${b.where}`,
      )
      .join(' UNION ALL ')}) u ORDER BY u.searchKey, u.id LIMIT ${this.q.limit} OFFSET ${this.q.offset}`;
  }

  async count(): Promise<number> {
    const [sql, params] = this.em.connection.driver.escapeQueryWithParameters(
      `SELECT ${this.branches
        .map((b) => `(SELECT COUNT(*) FROM cooperative_members m ${this.using(b.index)} WHERE ${b.where})`)
        .join(' + ')} AS total`,
      this.params,
    );
    const [row] = (await this.em.query(sql, params)) as Array<{ total: number | string }>;
    return Number(row.total);
  }

  /**
   * Named indexes: MariaDB otherwise may walk the cooperative's whole full-name index to skip sorting
   * a few hundred given-name matches (20,000 entries in bench:registry).
   */
  private using(index: string): string {
    return this.em.connection.options.type === 'better-sqlite3'
      ? `INDEXED BY ${index}`
      : `FORCE INDEX (${index})`;
  }
}
