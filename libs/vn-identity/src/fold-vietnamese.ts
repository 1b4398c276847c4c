/**
 * Diacritic-folded search key: "Nguyễn Thị Đào" → "nguyen thi dao".
 * Accepts NFC or NFD input; whitespace runs (tabs, double spaces, NBSP) become one space.
 */
export function foldVietnamese(s: string): string {
  return (
    s
      // Lower-case before decomposing so marks produced by case mapping (e.g. 'İ' → 'i̇') are stripped too.
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // 'đ' is a distinct letter, not 'd' + mark, so NFD leaves it alone.
      .replace(/đ/g, 'd')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * The LIKE escape character for search patterns. Not a backslash: MySQL reads `'\\'` in SQL as an
 * open string, and MariaDB stops using the index for `ESCAPE '\\\\'`; `!` means the same on every engine.
 */
export const LIKE_ESCAPE = '!';

/**
 * Folds a search term and turns it into a LIKE prefix pattern, for use as
 * `searchKey LIKE :p ESCAPE '!'`. LIKE wildcards in the term match literally.
 */
export function toSearchPrefix(term: string): string {
  return likePrefix(foldVietnamese(term));
}

/** toSearchPrefix for a term folded already. */
export function likePrefix(folded: string): string {
  return `${folded.replace(/[!%_]/g, '!$&')}%`;
}
