/** Mulberry32: a small seeded PRNG, so demo rows are the same on every first start. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)];

/** A version-4-shaped UUID from the PRNG. */
export function seededUuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Splits `total` hundredths into `parts` positive shares that add up exactly. */
export function splitHundredths(rand: () => number, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + rand());
  const sum = weights.reduce((n, w) => n + w, 0);
  const shares = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  shares[shares.length - 1] += total - shares.reduce((n, s) => n + s, 0);
  return shares;
}
