/** `|CN|JP|` for the markets column copy (GrowingArea.marketsKey); '' for none. */
export const marketsKeyOf = (markets: string[]): string =>
  markets.length ? `|${[...new Set(markets)].sort().join('|')}|` : '';

/** The markets back from a marketsKey, in the same (sorted) order. */
export const marketsOfKey = (key: string): string[] => (key ? key.slice(1, -1).split('|') : []);
