import { foldVietnamese } from '@lienket/vn-identity';

/** The folded keys stored beside the name: full name, and given name (Vietnamese names end with it). */
export function householdNameKeys(headName: string): { searchKey: string; givenNameKey: string } {
  const searchKey = foldVietnamese(headName);
  const words = searchKey.split(' ');
  return { searchKey, givenNameKey: words[words.length - 1].slice(0, 40) };
}

export const villageKey = (village: string | null | undefined): string | null =>
  village ? foldVietnamese(village) || null : null;
