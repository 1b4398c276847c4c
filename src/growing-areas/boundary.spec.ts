import { areaWarning, checkBoundary } from './boundary';

const square = (lon: number, lat: number, d: number) => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

describe('checkBoundary', () => {
  it('measures a polygon near Lạng Sơn (0.01° square ≈ 115 ha at 21.8° N)', () => {
    const { errors, areaHa } = checkBoundary({ type: 'Polygon', coordinates: [square(106.5, 21.8, 0.01)] });
    expect(errors).toEqual([]);
    expect(areaHa).toBeGreaterThan(110);
    expect(areaHa).toBeLessThan(120);
  });

  it('subtracts holes and adds the parts of a MultiPolygon', () => {
    const outer = square(106.5, 21.8, 0.01);
    const hole = square(106.502, 21.802, 0.002).reverse();
    const one = checkBoundary({ type: 'Polygon', coordinates: [outer] }).areaHa!;
    const holed = checkBoundary({ type: 'Polygon', coordinates: [outer, hole] }).areaHa!;
    const two = checkBoundary({
      type: 'MultiPolygon',
      coordinates: [[outer], [square(106.6, 21.8, 0.01)]],
    }).areaHa!;
    expect(holed).toBeLessThan(one);
    expect(two).toBeCloseTo(2 * one, -1);
  });

  it.each([
    [{ type: 'Point', coordinates: [106.5, 21.8] }, 'Polygon or MultiPolygon'],
    [{ type: 'Polygon', coordinates: [square(106.5, 21.8, 0.01).slice(0, 4)] }, 'not closed'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 21.8],
            [106.6, 21.8],
            [106.5, 21.8],
          ],
        ],
      },
      'at least 4 positions',
    ],
    [{ type: 'Polygon', coordinates: [square(2.35, 48.85, 0.01)] }, 'outside Vietnam'],
    [{ type: 'Polygon', coordinates: [square(21.8, 106.5, 0.01)] }, 'outside Vietnam'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 'x'],
            [106.6, 21.8],
            [106.6, 21.9],
            [106.5, 21.8],
          ],
        ],
      },
      '[longitude, latitude]',
    ],
    ['not geojson', 'GeoJSON object'],
  ])('refuses %j', (value, message) => {
    expect(checkBoundary(value).errors.join(' ')).toContain(message);
  });

  it('warns, never refuses, when drawn and declared areas disagree', () => {
    expect(areaWarning(10, 11)).toBeNull();
    expect(areaWarning(10, 115.05)).toContain('115.05 ha');
    expect(areaWarning(10, null)).toBeNull();
  });
});
