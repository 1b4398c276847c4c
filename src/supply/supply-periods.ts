import { addDays, addMonths } from '../certification/inspection-schedule';

export interface Period {
  start: string;
  end: string;
}

/** Calendar months or ISO weeks (Monday to Sunday) covering the window, clipped to it. */
export function periodsOf(from: string, to: string, granularity: 'week' | 'month'): Period[] {
  const periods: Period[] = [];
  let start = from;
  while (start <= to && periods.length < 600) {
    let next: string;
    if (granularity === 'month') {
      next = addMonths(`${start.slice(0, 7)}-01`, 1);
    } else {
      const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      next = addDays(start, 7 - weekday);
    }
    const end = addDays(next, -1);
    periods.push({ start, end: end < to ? end : to });
    start = next;
  }
  return periods;
}
