import { escapeHtml, raw, SafeHtml } from '../html';

const EARTH_RADIUS_M = 6_378_137;
const RAD = Math.PI / 180;
export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 400;
const PADDING = 24;

type Ring = Array<[number, number]>;

/** Metres east/north of a reference point: equirectangular, x shrunk by cos(latitude) so shapes keep their proportions. */
export interface Projection {
  /** [x, y] in viewBox units; y grows downwards (north-up). */
  toView(lon: number, lat: number): [number, number];
  /** viewBox units per metre on the ground. */
  unitsPerMetre: number;
}

/** The rings of a GeoJSON Polygon or MultiPolygon, keeping only well-formed [lon, lat] positions. */
export function ringsOf(boundary: unknown): Ring[] {
  if (typeof boundary !== 'object' || boundary === null) return [];
  const { type, coordinates } = boundary as { type?: unknown; coordinates?: unknown };
  const polygons =
    type === 'Polygon'
      ? [coordinates]
      : type === 'MultiPolygon' && Array.isArray(coordinates)
        ? coordinates
        : [];
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      const positions = ring.filter(
        (p): p is [number, number] =>
          Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]),
      );
      if (positions.length >= 3) rings.push(positions.map(([lon, lat]) => [lon, lat]));
    }
  }
  return rings;
}

/** Fits the rings into the viewBox with padding, centred, the same scale on both axes. */
export function fitProjection(rings: Ring[]): Projection {
  const positions = rings.flat();
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const lat0 = (minLat + maxLat) / 2;
  const metresPerDegreeLat = EARTH_RADIUS_M * RAD;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos(lat0 * RAD);
  // A single point or a line still gets a drawable frame of at least 10 m.
  const spanX = Math.max((maxLon - minLon) * metresPerDegreeLon, 10);
  const spanY = Math.max((maxLat - minLat) * metresPerDegreeLat, 10);
  const unitsPerMetre = Math.min((MAP_WIDTH - 2 * PADDING) / spanX, (MAP_HEIGHT - 2 * PADDING) / spanY);
  const offsetX = (MAP_WIDTH - (maxLon - minLon) * metresPerDegreeLon * unitsPerMetre) / 2;
  const offsetY = (MAP_HEIGHT - (maxLat - minLat) * metresPerDegreeLat * unitsPerMetre) / 2;
  return {
    unitsPerMetre,
    toView: (lon, lat) => [
      offsetX + (lon - minLon) * metresPerDegreeLon * unitsPerMetre,
      MAP_HEIGHT - offsetY - (lat - minLat) * metresPerDegreeLat * unitsPerMetre,
    ],
  };
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in a quarter of the map's width. */
export function scaleBar(unitsPerMetre: number): { metres: number; units: number; label: string } {
  const maxMetres = MAP_WIDTH / 4 / unitsPerMetre;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= maxMetres) ?? power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, units: metres * unitsPerMetre, label };
}

const n = (value: number): string => (Math.round(value * 10) / 10).toString();

/**
 * A code's boundary as an inline SVG (no tiles, no script): the polygon(s) north-up with holes
 * (even-odd), a north arrow and a scale bar. Null when there is nothing drawable. Built only from
 * numbers and the escaped title, so it is safe to embed.
 */
export function boundaryMap(boundary: unknown, title: string): SafeHtml | null {
  const rings = ringsOf(boundary);
  if (!rings.length) return null;
  const projection = fitProjection(rings);
  const d = rings
    .map(
      (ring) =>
        ring
          .map(([lon, lat], i) => {
            const [x, y] = projection.toView(lon, lat);
            return `${i ? 'L' : 'M'}${n(x)} ${n(y)}`;
          })
          .join(' ') + ' Z',
    )
    .join(' ');
  const bar = scaleBar(projection.unitsPerMetre);
  const barY = MAP_HEIGHT - 10;
  const safeTitle = escapeHtml(title);
  return raw(
    `<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${safeTitle}" xmlns="http://www.w3.org/2000/svg">` +
      `<title>${safeTitle}</title>` +
      `<path d="${d}" fill="#1f6b3a" fill-opacity="0.25" fill-rule="evenodd" stroke="#1f6b3a" stroke-width="2" stroke-linejoin="round"/>` +
      `<g font-size="16" font-family="system-ui, sans-serif" fill="#1d2a22">` +
      `<path d="M${MAP_WIDTH - 20} 10 L${MAP_WIDTH - 26} 26 L${MAP_WIDTH - 20} 22 L${MAP_WIDTH - 14} 26 Z" fill="#1d2a22"/>` +
      `<text x="${MAP_WIDTH - 20}" y="40" text-anchor="middle">N</text>` +
      `<path d="M10 ${barY - 5} V${barY} H${n(10 + bar.units)} V${barY - 5}" fill="none" stroke="#1d2a22" stroke-width="2"/>` +
      `<text x="${n(14 + bar.units)}" y="${barY}" data-scale-metres="${bar.metres}">${bar.label}</text>` +
      `</g></svg>`,
  );
}
