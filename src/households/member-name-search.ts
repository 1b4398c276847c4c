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
 * counting thousands of matches costs no row lookups. A one-word term also matches the given name;
 * that branch leaves out rows the full-name branch already has, so the two add up without overlap.
 * Pages are ordered by folded name, then household id — the order of the general list.
 */
export async function searchMembersByName(
  em: EntityManager,
  q: MemberNameSearch,
): Promise<{ ids: string[]; total: number }> {
  const commune = q.communeCode ? ' AND m.communeCode = ?' : '';
  const communeParam = q.communeCode ? [q.communeCode] : [];
  const branches: Array<{ index: string; where: string; params: unknown[] }> = [
    {
      index: 'IDX_cooperative_members_search',
      where: `m.cooperativeId = ? AND m.searchKey LIKE ? ESCAPE '!' AND m.activeHouseholdId IS NOT NULL${commune}`,
      params: [q.cooperativeId, q.prefix, ...communeParam],
    },
  ];
  // The given-name key is one word, so a term with a space can only match the full name.
  if (!q.prefix.includes(' ')) {
    branches.push({
      index: 'IDX_cooperative_members_given_name',
      where: `m.cooperativeId = ? AND m.givenNameKey LIKE ? ESCAPE '!' AND NOT (m.searchKey LIKE ? ESCAPE '!')
        AND m.activeHouseholdId IS NOT NULL${commune}`,
      params: [q.cooperativeId, q.prefix, q.prefix, ...communeParam],
    });
  }
  const window = q.offset + q.limit;
  // Named indexes: for a page, MariaDB otherwise walks the whole cooperative in the full-name index
  // to skip sorting the given-name matches (20,000 entries instead of a few hundred).
  const using = (index: string) =>
    em.connection.options.type === 'better-sqlite3' ? `INDEXED BY ${index}` : `FORCE INDEX (${index})`;
  const [counted, page] = await Promise.all([
    em.query(
      `SELECT ${branches.map((b) => `(SELECT COUNT(*) FROM cooperative_members m ${using(b.index)} WHERE ${b.where})`).join(' + ')} AS total`,
      branches.flatMap((b) => b.params),
    ) as Promise<Array<{ total: number | string }>>,
    em.query(
      `${branches
        .map(
          (b, i) => `SELECT b${i}.id, b${i}.searchKey FROM (
            SELECT m.activeHouseholdId AS id, m.searchKey FROM cooperative_members m ${using(b.index)}
            WHERE ${b.where}
            ORDER BY m.searchKey, m.activeHouseholdId LIMIT ${window}) b${i}`,
        )
        .join(' UNION ALL ')}
       ORDER BY searchKey, id LIMIT ${q.limit} OFFSET ${q.offset}`,
      branches.flatMap((b) => b.params),
    ) as Promise<Array<{ id: string }>>,
  ]);
  return { ids: page.map((r) => r.id), total: Number(counted[0].total) };
}
