/** Vietnam's mainland and near-shore islands, in WGS 84 degrees. */
const BOUNDS = { minLon: 102.14, maxLon: 109.47, minLat: 8.18, maxLat: 23.39 };
const EARTH_RADIUS_M = 6_378_137;

export interface BoundaryCheck {
  errors: string[];
  /** The area the boundary encloses, in hectares (only when it is valid). */
  areaHa?: number;
}

type Position = number[];
type Ring = Position[];

/**
 * A GeoJSON Polygon or MultiPolygon (RFC 7946) with closed rings of valid positions inside Vietnam,
 * and the area it encloses, so a declared area can be compared with the drawn one.
 */
export function checkBoundary(value: unknown): BoundaryCheck {
  if (typeof value !== 'object' || value === null) return { errors: ['boundary must be a GeoJSON object'] };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let polygons: unknown[];
  if (type === 'Polygon') polygons = [coordinates];
  else if (type === 'MultiPolygon' && Array.isArray(coordinates)) polygons = coordinates;
  else return { errors: ['boundary.type must be Polygon or MultiPolygon'] };
  if (!polygons.length) return { errors: ['boundary.coordinates must hold at least one polygon'] };
  const errors: string[] = [];
  let areaM2 = 0;
  polygons.forEach((polygon, p) => {
    const where = type === 'Polygon' ? 'boundary' : `boundary polygon ${p + 1}`;
    if (!Array.isArray(polygon) || !polygon.length) {
      errors.push(`${where} must be an array of linear rings`);
      return;
    }
    polygon.forEach((ring: unknown, r) => {
      const ringErrors = checkRing(ring, `${where}, ring ${r + 1}`);
      errors.push(...ringErrors);
      // The first ring is the outer boundary; the others are holes.
      if (!ringErrors.length) areaM2 += (r === 0 ? 1 : -1) * Math.abs(ringArea(ring as Ring));
    });
  });
  if (errors.length) return { errors: errors.slice(0, 10) };
  return { errors: [], areaHa: Math.round(areaM2 / 100) / 100 };
}

function checkRing(ring: unknown, where: string): string[] {
  if (!Array.isArray(ring) || ring.length < 4) return [`${where} must have at least 4 positions`];
  for (const [i, position] of ring.entries()) {
    if (
      !Array.isArray(position) ||
      position.length < 2 ||
      position.length > 3 ||
      !position.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      return [`${where}, position ${i + 1} must be [longitude, latitude]`];
    }
    const [lon, lat] = position as number[];
    if (lon < BOUNDS.minLon || lon > BOUNDS.maxLon || lat < BOUNDS.minLat || lat > BOUNDS.maxLat) {
      return [`${where}, position ${i + 1} [${lon}, ${lat}] lies outside Vietnam (longitude first)`];
    }
  }
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (first[0] !== last[0] || first[1] !== last[1])
    return [`${where} is not closed (last position must equal the first)`];
  return [];
}

/** Area on the sphere of a closed ring (the spherical-excess approximation used by GeoJSON tools). */
function ringArea(ring: Ring): number {
  const rad = Math.PI / 180;
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i];
    const [lon2, lat2] = ring[i + 1];
    sum += (lon2 - lon1) * rad * (2 + Math.sin(lat1 * rad) + Math.sin(lat2 * rad));
  }
  return (sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Drawn and declared areas further apart than this ratio earn a warning (never a rejection). */
const PLAUSIBLE_RATIO = 1.25;

export function areaWarning(declaredHa: number, drawnHa: number | null): string | null {
  if (drawnHa === null || drawnHa <= 0) return null;
  const ratio = drawnHa / declaredHa;
  if (ratio <= PLAUSIBLE_RATIO && ratio >= 1 / PLAUSIBLE_RATIO) return null;
  return `The boundary encloses ${drawnHa.toFixed(2)} ha but ${declaredHa.toFixed(2)} ha are declared`;
}
