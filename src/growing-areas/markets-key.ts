/** `|CN|JP|` for the markets column copy (GrowingArea.marketsKey); '' for none. */
export const marketsKeyOf = (markets: string[]): string =>
  markets.length ? `|${[...new Set(markets)].sort().join('|')}|` : '';
