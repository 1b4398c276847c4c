import { boundaryMap, fitProjection, MAP_HEIGHT, MAP_WIDTH, ringsOf, scaleBar } from './boundary-map';

/** A closed square ring of `size` degrees with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size: number): number[][] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

/** The first path's points, as [x, y] pairs. */
const points = (svg: string): number[][] =>
  [...(/<path d="([^"]+)"/.exec(svg)?.[1] ?? '').matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe('boundaryMap', () => {
  it('draws a square at Lạng Sơn’s latitude narrower than tall by cos(latitude), north up, inside the padding', () => {
    const svg = boundaryMap(
      { type: 'Polygon', coordinates: [square(106.6, 21.8, 0.01)] },
      'Ranh giới',
    )!.value;
    const pts = points(svg);
    expect(pts).toHaveLength(5);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeCloseTo(Math.cos((21.805 * Math.PI) / 180), 2);
    // The taller side fills the height less the padding; the drawing is centred.
    expect(height).toBeCloseTo(MAP_HEIGHT - 48, 0);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(MAP_WIDTH / 2, 0);
    // North-up: the first corner (south-west) is at the bottom, the third (north-east) at the top right.
    expect(pts[0][1]).toBeGreaterThan(pts[2][1]);
    expect(pts[2][0]).toBeGreaterThan(pts[0][0]);
    expect(svg).toContain('<title>Ranh giới</title>');
    expect(svg).toContain('viewBox="0 0 600 400"');
  });

  it('draws every polygon of a MultiPolygon and keeps holes (even-odd fill)', () => {
    const svg = boundaryMap(
      {
        type: 'MultiPolygon',
        coordinates: [
          [square(106.6, 21.8, 0.01), square(106.603, 21.803, 0.002)],
          [square(106.62, 21.8, 0.005)],
        ],
      },
      'x',
    )!.value;
    const d = /<path d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.match(/Z/g)).toHaveLength(3);
    expect(svg).toContain('fill-rule="evenodd"');
  });

  it('labels a scale bar whose length matches the projection (metres below 1 km, km above)', () => {
    // 0.01° of latitude ≈ 1,113 m tall → 352 units: a quarter of the width (150 units) ≈ 474 m → 200 m.
    const small = boundaryMap({ type: 'Polygon', coordinates: [square(106.6, 21.8, 0.01)] }, 'x')!.value;
    expect(small).toMatch(/data-scale-metres="200">200 m</);
    const bar = /<path d="M10 \d+ V\d+ H([\d.]+)/.exec(small)!;
    const unitsPerMetre = 352 / (0.01 * 6_378_137 * (Math.PI / 180));
    expect(Number(bar[1]) - 10).toBeCloseTo(200 * unitsPerMetre, 0);
    const large = boundaryMap({ type: 'Polygon', coordinates: [square(106.5, 21.7, 0.2)] }, 'x')!.value;
    expect(large).toMatch(/data-scale-metres="5000">5 km</);
  });

  it('picks 1, 2 or 5 × 10ⁿ metres no longer than a quarter of the width', () => {
    for (const unitsPerMetre of [0.001, 0.013, 0.3, 1, 7.5]) {
      const bar = scaleBar(unitsPerMetre);
      expect(bar.units).toBeLessThanOrEqual(MAP_WIDTH / 4 + 1e-9);
      expect(bar.units).toBeGreaterThan(MAP_WIDTH / 4 / 2.5 - 1e-9);
      expect(String(bar.metres)).toMatch(/^[125]0*$/);
    }
  });

  it('escapes the title and answers null when there is nothing to draw', () => {
    const svg = boundaryMap(
      { type: 'Polygon', coordinates: [square(106.6, 21.8, 0.01)] },
      '<b>"x"</b>',
    )!.value;
    expect(svg).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(boundaryMap(null, 'x')).toBeNull();
    expect(boundaryMap({ type: 'Point', coordinates: [106.6, 21.8] }, 'x')).toBeNull();
    expect(boundaryMap({ type: 'Polygon', coordinates: [[['a', 'b']]] }, 'x')).toBeNull();
  });

  it('frames a degenerate boundary (all positions equal) without dividing by zero', () => {
    const rings = ringsOf({
      type: 'Polygon',
      coordinates: [
        [
          [106.6, 21.8],
          [106.6, 21.8],
          [106.6, 21.8],
          [106.6, 21.8],
        ],
      ],
    });
    const [x, y] = fitProjection(rings).toView(106.6, 21.8);
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });
});
