import { toSearchPrefix } from '@lienket/vn-identity';
import { EntityManager } from 'typeorm';
import { columnsOf, hydrateRows } from '../database/hydrate-rows';
import { preparedRead } from '../database/prepared-read';
import { LISTED_COLUMNS, ListedHousehold } from './dto/household.response';
import { Household } from './household.entity';
import { CountedAt, MemberCountCache } from './member-count-cache';

export interface MemberNameSearch {
  cooperativeId: string;
  /** The search term, folded as the keys are (foldVietnamese). */
  term: string;
  communeCode?: string;
  offset: number;
  limit: number;
}

const VERSION = `(SELECT COALESCE(MAX(v.version), 0) FROM cooperative_member_versions v
  WHERE v.cooperativeId = :memberCooperative)`;

interface Branch {
  index: string;
  where: string;
}

/**
 * A cooperative's name search over its active memberships, which carry copies of the households'
 * name keys and commune: each branch is one range of a membership index, read index-only, so
 * matching thousands of members costs no row lookups. A one-word term also matches the given name;
 * that branch leaves out rows the full-name branch already has, so the two add up without overlap.
 */
export class MemberNameQuery {
  private readonly params: Record<string, string>;
  /** Ranges whose matches are counted. */
  private readonly counted: Branch[];
  /** Ranges the page is taken from: the same matches, split so each can be read in name order. */
  private readonly paged: Branch[];

  constructor(
    private readonly em: EntityManager,
    private readonly q: MemberNameSearch,
    private readonly counts: MemberCountCache,
  ) {
    this.params = {
      memberCooperative: q.cooperativeId,
      memberPrefix: toSearchPrefix(q.term),
      memberWord: q.term,
      // Strings: MySQL 8 refuses a prepared LIMIT sent as a double, which is how numbers go.
      memberTop: String(q.offset + q.limit),
      memberLimit: String(q.limit),
      memberOffset: String(q.offset),
    };
    const active = `m.cooperativeId = :memberCooperative AND m.activeHouseholdId IS NOT NULL${
      q.communeCode ? ' AND m.communeCode = :memberCommune' : ''
    }`;
    if (q.communeCode) this.params.memberCommune = q.communeCode;
    const fullName = "m.searchKey LIKE :memberPrefix ESCAPE '!'";
    const byFullName = { index: 'IDX_cooperative_members_search', where: `${fullName} AND ${active}` };
    const givenName = (match: string) => ({
      index: 'IDX_cooperative_members_given_name',
      where: `${match} AND NOT (${fullName}) AND ${active}`,
    });
    this.counted = [byFullName];
    this.paged = [byFullName];
    // The given-name key is one word, so a term with a space can only match the full name.
    if (!q.term.includes(' ')) {
      this.counted.push(givenName("m.givenNameKey LIKE :memberPrefix ESCAPE '!'"));
      // The given name typed in full ("hung": Hùng, Hưng) is one key, whose index entries are in
      // name order already; only longer given names ("lan" → Lành) need sorting.
      this.paged.push(
        givenName('m.givenNameKey = :memberWord'),
        givenName("m.givenNameKey LIKE :memberPrefix ESCAPE '!' AND m.givenNameKey <> :memberWord"),
      );
    }
  }

  /**
   * The page of households, in the order of the general list (folded name, then id), and the count
   * of all matches. Each branch hands over only its first offset + limit matches in that order —
   * read in index order, stopping there, except for given names longer than the term, which keep a
   * top-n — so no statement sorts every match. The same statement reads the cooperative's membership
   * version, and, unless a count taken at that version is cached, counts: an uncorrelated subquery,
   * evaluated once, reading the same index ranges without sorting.
   */
  async page(): Promise<{ households: ListedHousehold[]; total: number }> {
    const cached = this.counts.get(this.cacheKey);
    const top = this.paged
      .map(
        (b, i) => `SELECT id, searchKey FROM (
          SELECT m.activeHouseholdId AS id, m.searchKey FROM cooperative_members m ${this.using(b.index)}
          WHERE ${b.where} ORDER BY m.searchKey, m.activeHouseholdId LIMIT :memberTop) b${i}`,
      )
      .join(' UNION ALL ');
    const raw = await this.query(
      `SELECT ${VERSION} AS listVersion, ${cached ? '' : `(${this.countSql()}) AS total, `}${this.listedColumns()}
       FROM (${top}) p JOIN households h ON h.id = p.id
       WHERE h.deletedAt IS NULL
       ORDER BY p.searchKey, p.id LIMIT :memberLimit OFFSET :memberOffset`,
    );
    const metadata = this.em.connection.getMetadata(Household);
    const households = hydrateRows<ListedHousehold>(
      this.em.connection.driver,
      columnsOf(metadata, LISTED_COLUMNS),
      raw,
      { isoDatetimes: true },
    );
    return { households, total: await this.total(raw[0], cached) };
  }

  private async total(first: Record<string, unknown> | undefined, cached?: CountedAt): Promise<number> {
    if (first) {
      const version = Number(first.listVersion);
      if (cached?.version === version) return cached.total;
      if (!cached) return this.remember({ version, total: Number(first.total) });
    } else if (this.q.offset === 0) return 0;
    // A page past the end has no row to carry the count; a cached count may be of an older version.
    const [row] = await this.query(`SELECT ${VERSION} AS listVersion, (${this.countSql()}) AS total`);
    return this.remember({ version: Number(row.listVersion), total: Number(row.total) });
  }

  private remember(counted: CountedAt): number {
    this.counts.set(this.cacheKey, counted);
    return counted.total;
  }

  private get cacheKey(): string {
    return `${this.q.cooperativeId} ${this.q.communeCode ?? ''} ${this.q.term}`;
  }

  private countSql(): string {
    return this.counted
      .map((b) => `(SELECT COUNT(*) FROM cooperative_members m ${this.using(b.index)} WHERE ${b.where})`)
      .join(' + ');
  }

  private get sqlite(): boolean {
    return this.em.connection.options.type === 'better-sqlite3';
  }

  private query(sql: string): Promise<Array<Record<string, unknown>>> {
    return preparedRead(this.em, sql, this.params);
  }

  /**
   * The page's columns; on MySQL/MariaDB datetimes as text, which hydrateRows turns into ISO
   * strings: decoding them from the binary protocol into text cost the API more than the rest of
   * the row (SQLite keeps datetimes as text already).
   */
  private listedColumns(): string {
    return LISTED_COLUMNS.map((c) =>
      !this.sqlite && (c === 'createdAt' || c === 'updatedAt')
        ? `DATE_FORMAT(h.${c}, '%Y-%m-%d %H:%i:%s.%f') AS ${c}`
        : `h.${c}`,
    ).join(', ');
  }

  /**
   * Named indexes: MariaDB otherwise may walk the cooperative's whole full-name index to skip sorting
   * a few hundred given-name matches (20,000 entries in bench:registry).
   */
  private using(index: string): string {
    return this.sqlite ? `INDEXED BY ${index}` : `FORCE INDEX (${index})`;
  }
}
