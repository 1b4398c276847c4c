const DAY = 86_400_000;
const time = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Days from start to end, both included. */
export const daysIn = (start: string, end: string): number => Math.round((time(end) - time(start)) / DAY) + 1;

/** Days two periods share (0 when apart). */
export function overlapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const start = aStart > bStart ? aStart : bStart;
  const end = aEnd < bEnd ? aEnd : bEnd;
  return end < start ? 0 : daysIn(start, end);
}

/**
 * The part of a volume spread evenly over a period that falls in a window (SPEC §5a: a forecast
 * counts in a window in proportion to the days it overlaps). Rounded to 2 decimals.
 */
export function volumeInWindow(
  volume: number,
  period: { start: string; end: string },
  window: { start: string; end: string },
): number {
  const shared = overlapDays(period.start, period.end, window.start, window.end);
  if (!shared) return 0;
  return Math.round(((volume * shared) / daysIn(period.start, period.end)) * 100) / 100;
}
