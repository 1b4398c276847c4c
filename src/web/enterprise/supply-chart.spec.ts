import { niceStep, supplyChart, SupplyChartText } from './supply-chart';

const text: SupplyChartText = {
  title: 'Nguồn cung na',
  forecast: 'Dự kiến',
  committed: 'Đã cam kết',
  available: 'Còn lại',
  unit: 'kg',
};
const format = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

/** The bars of one series, in period order: [y, height]. */
function bars(svg: string, series: string): Array<{ y: number; height: number }> {
  return [
    ...svg.matchAll(
      new RegExp(
        `<rect data-series="${series}" x="[\\d.]+" y="([\\d.]+)" width="[\\d.]+" height="([\\d.]+)"`,
        'g',
      ),
    ),
  ].map((m) => ({ y: Number(m[1]), height: Number(m[2]) }));
}

describe('supplyChart', () => {
  it('draws one bar per series and period, heights proportional to the values', () => {
    const svg = supplyChart(
      [
        { label: '08/2030', forecast: 6200, committed: 5000, available: 1200 },
        { label: '09/2030', forecast: 3100, committed: 0, available: 3100 },
      ],
      text,
      format,
    );
    const [forecast, committed, available] = ['forecast', 'committed', 'available'].map((s) => bars(svg, s));
    expect(forecast).toHaveLength(2);
    expect(committed).toHaveLength(2);
    expect(available).toHaveLength(2);
    expect(forecast[0].height / forecast[1].height).toBeCloseTo(2, 2);
    expect(committed[0].height / forecast[0].height).toBeCloseTo(5000 / 6200, 2);
    expect(available[0].height / available[1].height).toBeCloseTo(1200 / 3100, 2);
    expect(committed[1].height).toBe(0);
    // All bars stand on the same baseline.
    expect(forecast[0].y + forecast[0].height).toBeCloseTo(available[1].y + available[1].height, 1);
  });

  it('hangs a shortfall below the baseline', () => {
    const svg = supplyChart(
      [{ label: 'T1', forecast: 1000, committed: 1500, available: -500 }],
      text,
      format,
    );
    const [forecast] = bars(svg, 'forecast');
    const [available] = bars(svg, 'available');
    const baseline = forecast.y + forecast.height;
    expect(available.y).toBeCloseTo(baseline, 1);
    expect(available.height / forecast.height).toBeCloseTo(0.5, 2);
    expect(svg).toContain('>-500<');
  });

  it('names itself, labels the axes and the legend in the given language and formats numbers', () => {
    const svg = supplyChart(
      [{ label: '08/2030', forecast: 12500, committed: 0, available: 12500 }],
      text,
      format,
    );
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="supply-chart-title"/);
    expect(svg).toContain('<title id="supply-chart-title">Nguồn cung na</title>');
    for (const label of ['Dự kiến', 'Đã cam kết', 'Còn lại', '>kg<', '>08/2030<'])
      expect(svg).toContain(label);
    expect(svg).toContain('>15.000<'); // an axis tick, vi-VN grouping
    expect(svg).toContain('08/2030 — Dự kiến: 12.500 kg');
  });

  it('escapes every label', () => {
    const svg = supplyChart(
      [{ label: '<script>alert(1)</script>', forecast: 1, committed: 0, available: 1 }],
      { ...text, title: '"><img src=x onerror=alert(1)>', forecast: 'a & b' },
      format,
    );
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('a &amp; b');
  });

  it('draws an empty window as an axis without bars', () => {
    const svg = supplyChart([], text, format);
    expect(bars(svg, 'forecast')).toHaveLength(0);
    expect(svg).toContain('</svg>');
  });

  it('picks axis steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(3100)).toBe(5000);
    expect(niceStep(1550)).toBe(2000);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(0)).toBe(1);
  });
});
