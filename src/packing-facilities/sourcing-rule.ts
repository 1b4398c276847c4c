import type { GrowingArea } from '../growing-areas/growing-area.entity';
import type { PackingFacility } from './packing-facility.entity';

/**
 * Why a code may not supply a facility, or null when it may (SPEC §2): the facility must pack the
 * code's product, the code must be in force, and an export facility sources only from export codes
 * listing a market it serves.
 */
export function sourcingRefusal(
  facility: PackingFacility & { productCodes: string[]; markets: string[] },
  area: GrowingArea,
  areaMarkets: string[],
): string | null {
  if (!facility.productCodes.includes(area.productCode)) {
    return `${facility.code} packs ${facility.productCodes.join(', ')}, not ${area.productCode} (code ${area.code})`;
  }
  if (area.status !== 'active')
    return `Code ${area.code} is ${area.status}; only active codes may supply a facility`;
  if (facility.kind === 'export') {
    if (area.kind !== 'export')
      return `${facility.code} is an export facility; code ${area.code} is domestic`;
    const served = areaMarkets.filter((m) => facility.markets.includes(m));
    if (!served.length) {
      return `Code ${area.code} lists markets ${areaMarkets.join(', ') || 'none'}; ${facility.code} serves ${facility.markets.join(', ')}`;
    }
  }
  return null;
}
