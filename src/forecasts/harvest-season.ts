import type { Product } from '../products/product.entity';

/** The calendar months (1–12) a period touches. */
export function monthsBetween(start: string, end: string): number[] {
  const months = new Set<number>();
  let [y, m] = start.split('-').map(Number);
  const [endY, endM] = end.split('-').map(Number);
  while ((y < endY || (y === endY && m <= endM)) && months.size < 12) {
    months.add(m);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return [...months];
}

/** Outside the product's harvest months is a warning, never a refusal (off-season crops exist). */
export function seasonWarning(
  product: Pick<Product, 'code' | 'harvestMonths' | 'offSeasonMonths'>,
  months: number[],
): string | null {
  const season = [...product.harvestMonths, ...product.offSeasonMonths];
  if (!season.length || months.some((m) => season.includes(m))) return null;
  return `${product.code} is usually harvested in months ${product.harvestMonths.join(', ')}; this period falls outside them`;
}
