import { likePrefix } from '@lienket/vn-identity';
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

/** The statements of one shape of search, built once: hot statements are prepared by their text. */
interface Statements {
  /** The page, the membership version and the count. */
  pageAndCount: string;
  /** The page and the membership version, for when a count at that version is cached. */
  page: string;
  /** The version and the count alone, for a page past the end. */
  count: string;
}

/**
 * A cooperative's name search over its active memberships, which carry copies of the households'
 * name keys and commune: each branch is one range of a membership index, read index-only, so
 * matching thousands of members costs no row lookups. A one-word term also matches the given name;
 * that branch leaves out rows the full-name branch already has, so the two add up without overlap.
 */
export class MemberNameQuery {
  /** By shape (engine, one word or more, commune or not): a handful of texts in all. */
  private static readonly shapes = new Map<string, Statements>();
  private readonly params: Record<string, string>;
  private readonly statements: Statements;

  constructor(
    private readonly em: EntityManager,
    private readonly q: MemberNameSearch,
    private readonly counts: MemberCountCache,
  ) {
    this.params = {
      memberCooperative: q.cooperativeId,
      memberPrefix: likePrefix(q.term),
      memberWord: q.term,
      // Strings: MySQL 8 refuses a prepared LIMIT sent as a double, which is how numbers go.
      memberTop: String(q.offset + q.limit),
      memberLimit: String(q.limit),
      memberOffset: String(q.offset),
    };
    if (q.communeCode) this.params.memberCommune = q.communeCode;
    const shape = { sqlite: this.sqlite, oneWord: !q.term.includes(' '), commune: !!q.communeCode };
    const key = `${shape.sqlite} ${shape.oneWord} ${shape.commune}`;
    let statements = MemberNameQuery.shapes.get(key);
    if (!statements) {
      statements = buildStatements(shape);
      MemberNameQuery.shapes.set(key, statements);
    }
    this.statements = statements;
  }

  /**
   * The page of households, in the order of the general list (folded name, then id), and the count
   * of all matches. The same statement reads the cooperative's membership version, and, unless a
   * count taken at that version is cached, counts (see buildStatements).
   */
  async page(): Promise<{ households: ListedHousehold[]; total: number }> {
    const cached = this.counts.get(this.cacheKey);
    const raw = await this.query(cached ? this.statements.page : this.statements.pageAndCount);
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
    const [row] = await this.query(this.statements.count);
    return this.remember({ version: Number(row.listVersion), total: Number(row.total) });
  }

  private remember(counted: CountedAt): number {
    this.counts.set(this.cacheKey, counted);
    return counted.total;
  }

  private get cacheKey(): string {
    return `${this.q.cooperativeId} ${this.q.communeCode ?? ''} ${this.q.term}`;
  }

  private get sqlite(): boolean {
    return this.em.connection.options.type === 'better-sqlite3';
  }

  private query(sql: string): Promise<Array<Record<string, unknown>>> {
    return preparedRead(this.em, sql, this.params);
  }
}

interface Shape {
  sqlite: boolean;
  /** The given-name key is one word, so a term with a space can only match the full name. */
  oneWord: boolean;
  commune: boolean;
}

/**
 * Each branch hands over only its first offset + limit matches in name order — read in index order,
 * stopping there, except for given names longer than the term, which keep a top-n — so no statement
 * sorts every match. The count is an uncorrelated subquery, evaluated once, reading the same index
 * ranges without sorting.
 */
function buildStatements({ sqlite, oneWord, commune }: Shape): Statements {
  // Named indexes: MariaDB otherwise may walk the cooperative's whole full-name index to skip sorting
  // a few hundred given-name matches (20,000 entries in bench:registry).
  const using = (index: string) => (sqlite ? `INDEXED BY ${index}` : `FORCE INDEX (${index})`);
  const active = `m.cooperativeId = :memberCooperative AND m.activeHouseholdId IS NOT NULL${
    commune ? ' AND m.communeCode = :memberCommune' : ''
  }`;
  const fullName = "m.searchKey LIKE :memberPrefix ESCAPE '!'";
  const byFullName: Branch = { index: 'IDX_cooperative_members_search', where: `${fullName} AND ${active}` };
  const givenName = (match: string): Branch => ({
    index: 'IDX_cooperative_members_given_name',
    where: `${match} AND NOT (${fullName}) AND ${active}`,
  });
  // Ranges whose matches are counted, and ranges the page is taken from: the same matches, split so
  // each can be read in name order. The given name typed in full ("hung": Hùng, Hưng) is one key,
  // whose index entries are in name order already; only longer given names ("lan" → Lành) need sorting.
  const counted = [byFullName];
  const paged = [byFullName];
  if (oneWord) {
    counted.push(givenName("m.givenNameKey LIKE :memberPrefix ESCAPE '!'"));
    paged.push(
      givenName('m.givenNameKey = :memberWord'),
      givenName("m.givenNameKey LIKE :memberPrefix ESCAPE '!' AND m.givenNameKey <> :memberWord"),
    );
  }
  const countSql = counted
    .map((b) => `(SELECT COUNT(*) FROM cooperative_members m ${using(b.index)} WHERE ${b.where})`)
    .join(' + ');
  // On MySQL/MariaDB datetimes as text, which hydrateRows turns into ISO strings: decoding them from
  // the binary protocol into Dates cost the API more than the rest of the row (SQLite keeps text).
  const columns = LISTED_COLUMNS.map((c) =>
    !sqlite && (c === 'createdAt' || c === 'updatedAt')
      ? `DATE_FORMAT(h.${c}, '%Y-%m-%d %H:%i:%s.%f') AS ${c}`
      : `h.${c}`,
  ).join(', ');
  // Each branch's own ORDER BY and LIMIT: MySQL/MariaDB take a parenthesized branch; SQLite
  // takes them only in a subquery, one more derived table per branch.
  const union = (branches: Branch[]) =>
    branches
      .map((b, i) => {
        const select = `SELECT m.activeHouseholdId AS id, m.searchKey FROM cooperative_members m ${using(b.index)}
          WHERE ${b.where} ORDER BY m.searchKey, m.activeHouseholdId LIMIT :memberTop`;
        return sqlite ? `SELECT id, searchKey FROM (${select}) b${i}` : `(${select})`;
      })
      .join(' UNION ALL ');
  const head = (withCount: boolean) =>
    `SELECT ${VERSION} AS listVersion, ${withCount ? `(${countSql}) AS total, ` : ''}${columns}`;
  const pageSql = (withCount: boolean) =>
    paged.length === 1
      ? // One range: the page is read in index order and joined as it goes, with no derived table
        // for the optimizer to plan (a fifth of MariaDB's time for the statement); the members first,
        // always (CROSS JOIN fixes SQLite's join order, STRAIGHT_JOIN MySQL's).
        `${head(withCount)} FROM cooperative_members m ${using(paged[0].index)}
         ${sqlite ? 'CROSS JOIN' : 'STRAIGHT_JOIN'} households h ON h.id = m.activeHouseholdId
         WHERE ${paged[0].where} AND h.deletedAt IS NULL
         ORDER BY m.searchKey, m.activeHouseholdId LIMIT :memberLimit OFFSET :memberOffset`
      : `${head(withCount)} FROM (${union(paged)}) p JOIN households h ON h.id = p.id
         WHERE h.deletedAt IS NULL
         ORDER BY p.searchKey, p.id LIMIT :memberLimit OFFSET :memberOffset`;
  // One space for each run of whitespace: the text is the statement cache's key, hashed per execution.
  const compact = (sql: string) => sql.replace(/\s+/g, ' ').trim();
  return {
    pageAndCount: compact(pageSql(true)),
    page: compact(pageSql(false)),
    count: compact(`SELECT ${VERSION} AS listVersion, (${countSql}) AS total`),
  };
}
