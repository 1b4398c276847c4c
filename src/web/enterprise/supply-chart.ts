import { escapeHtml } from '../html';

export interface ChartPeriod {
  label: string;
  forecast: number;
  committed: number;
  available: number;
}

export interface SupplyChartText {
  /** The chart's accessible name (its <title>). */
  title: string;
  forecast: string;
  committed: string;
  available: string;
  /** The unit of the vertical axis (kg, con…). */
  unit: string;
}

export const SERIES = ['forecast', 'committed', 'available'] as const;
const COLOURS: Record<(typeof SERIES)[number], string> = {
  forecast: '#1f6b3a',
  committed: '#9a5b00',
  available: '#1a5fb4',
};

/** The drawing's units: 640 wide at least, so it fills a page column and still reads on a phone. */
const MIN_WIDTH = 640;
const HEIGHT = 320;
const TOP = 48;
const BOTTOM = 40;
const LEFT = 80;
const RIGHT = 12;
/** The narrowest a period's group of three bars gets before the chart widens (and scrolls). */
const MIN_GROUP = 30;
const FONT = 15;

/** 1, 2 or 5 times a power of ten, at least `rough`: axis steps people read at a glance. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= rough)! * magnitude;
  return step;
}

const at = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * Forecast, committed and available per period as grouped bars, drawn from numbers only: every
 * label goes through escapeHtml, so the result may be wrapped with raw(). Available may be
 * negative (a shortfall): the axis then goes below zero and the bar hangs under the baseline.
 */
export function supplyChart(
  periods: ChartPeriod[],
  text: SupplyChartText,
  format: (n: number) => string,
): string {
  const values = periods.flatMap((p) => SERIES.map((s) => p[s]));
  const rawMax = Math.max(0, ...values);
  const rawMin = Math.min(0, ...values);
  const step = niceStep((rawMax - rawMin) / 4 || 1);
  const max = Math.ceil(rawMax / step) * step || step;
  const min = Math.floor(rawMin / step) * step;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const width = Math.max(MIN_WIDTH, LEFT + RIGHT + periods.length * MIN_GROUP);
  const group = (width - LEFT - RIGHT) / Math.max(periods.length, 1);
  const y = (v: number) => TOP + ((max - v) / (max - min)) * plotHeight;
  const barWidth = Math.min(40, (group * 0.8) / SERIES.length);
  // Labels are about 4 characters wide; long windows label every n-th period so they never overlap.
  const labelEvery = Math.max(1, Math.ceil((FONT * 4.2) / group));
  const e = escapeHtml;

  const ticks: string[] = [];
  for (let v = min; v <= max + step / 2; v += step) {
    ticks.push(
      `<line x1="${LEFT}" x2="${width - RIGHT}" y1="${at(y(v))}" y2="${at(y(v))}" stroke="${v === 0 ? '#5b6b61' : '#d5ddd7'}" />` +
        `<text x="${LEFT - 6}" y="${at(y(v) + FONT / 3)}" text-anchor="end">${e(format(v))}</text>`,
    );
  }
  const groups = periods.map((p, i) => {
    const middle = LEFT + (i + 0.5) * group;
    const x0 = middle - (barWidth * SERIES.length) / 2;
    const bars = SERIES.map((s, j) => {
      const top = Math.min(y(p[s]), y(0));
      const height = Math.abs(y(p[s]) - y(0));
      return (
        `<rect data-series="${s}" x="${at(x0 + j * barWidth)}" y="${at(top)}" width="${at(barWidth - 1)}" height="${at(height)}" fill="${COLOURS[s]}">` +
        `<title>${e(`${p.label} — ${text[s]}: ${format(p[s])} ${text.unit}`)}</title></rect>`
      );
    }).join('');
    const label =
      i % labelEvery === 0
        ? `<text x="${at(middle)}" y="${HEIGHT - BOTTOM + FONT + 6}" text-anchor="middle">${e(p.label)}</text>`
        : '';
    return `<g>${bars}${label}</g>`;
  });
  const legendGap = (width - LEFT) / SERIES.length;
  const legend = SERIES.map(
    (s, j) =>
      `<g transform="translate(${at(LEFT + j * legendGap)},8)"><rect width="${FONT}" height="${FONT}" fill="${COLOURS[s]}" />` +
      `<text x="${FONT + 6}" y="${FONT - 2}">${e(text[s])}</text></g>`,
  ).join('');
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEIGHT}" ` +
    // A long window scrolls sideways (in its wrapper) rather than shrinking into unreadable bars.
    (width > MIN_WIDTH ? `style="min-width:${Math.round(width * 0.6)}px;max-height:none" ` : '') +
    `role="img" ` +
    `aria-labelledby="supply-chart-title" font-size="${FONT}" font-family="system-ui, sans-serif" fill="#1d2a22">` +
    `<title id="supply-chart-title">${e(text.title)}</title>` +
    legend +
    ticks.join('') +
    `<text x="${LEFT - 6}" y="${TOP - 12}" text-anchor="end">${e(text.unit)}</text>` +
    groups.join('') +
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${HEIGHT - BOTTOM}" stroke="#5b6b61" />` +
    `</svg>`
  );
}
