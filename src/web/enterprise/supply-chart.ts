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

const HEIGHT = 300;
const TOP = 40;
const BOTTOM = 44;
const LEFT = 72;
const RIGHT = 12;
const GROUP = 42;

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
  const width = LEFT + RIGHT + Math.max(periods.length, 6) * GROUP;
  const y = (v: number) => TOP + ((max - v) / (max - min)) * plotHeight;
  const barWidth = (GROUP - 12) / SERIES.length;
  // Long windows (weeks over a year) show every n-th period's label only, so labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(periods.length / 24));
  const e = escapeHtml;

  const ticks: string[] = [];
  for (let v = min; v <= max + step / 2; v += step) {
    ticks.push(
      `<line x1="${LEFT}" x2="${width - RIGHT}" y1="${at(y(v))}" y2="${at(y(v))}" stroke="${v === 0 ? '#5b6b61' : '#d5ddd7'}" />` +
        `<text x="${LEFT - 6}" y="${at(y(v) + 4)}" text-anchor="end">${e(format(v))}</text>`,
    );
  }
  const groups = periods.map((p, i) => {
    const x0 = LEFT + i * GROUP + 6;
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
        ? `<text x="${at(x0 + (GROUP - 12) / 2)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${e(p.label)}</text>`
        : '';
    return `<g>${bars}${label}</g>`;
  });
  const legendGap = Math.max(110, (width - 4) / SERIES.length);
  const legend = SERIES.map(
    (s, j) =>
      `<g transform="translate(${at(4 + j * legendGap)},10)"><rect width="14" height="14" fill="${COLOURS[s]}" />` +
      `<text x="20" y="12">${e(text[s])}</text></g>`,
  ).join('');
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEIGHT}" ` +
    // Many periods scroll sideways (in their wrapper) rather than shrink into unreadable bars.
    (periods.length > 8 ? `style="min-width:${90 + periods.length * 16}px" ` : '') +
    `role="img" ` +
    `aria-labelledby="supply-chart-title" font-size="12" font-family="system-ui, sans-serif" fill="#1d2a22">` +
    `<title id="supply-chart-title">${e(text.title)}</title>` +
    legend +
    ticks.join('') +
    `<text x="4" y="${TOP - 8}">${e(text.unit)}</text>` +
    groups.join('') +
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${HEIGHT - BOTTOM}" stroke="#5b6b61" />` +
    `</svg>`
  );
}
