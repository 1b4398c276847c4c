import type { Language } from '../i18n/catalogue';

/** Numbers, shares, money and dates written the way each language writes them (vi-VN, en-GB). */
export interface Formats {
  number(value: number, maxDigits?: number): string;
  hectares(value: number): string;
  /** A fraction 0–1 as a percentage. */
  share(fraction: number): string;
  /** A percentage 0–100 (as the disbursement report gives it); a dash when there is none. */
  percent(value: number | null): string;
  /** VND in millions (triệu đồng), as the province reports capital. */
  millionVnd(vnd: number): string;
  /** A calendar date `YYYY-MM-DD` as dd/mm/yyyy; a dash when there is none. */
  date(iso: string | null | undefined): string;
  dateTime(value: Date | string): string;
}

const cache = new Map<Language, Formats>();

export function formatsFor(lang: Language): Formats {
  const cached = cache.get(lang);
  if (cached) return cached;
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const numbers = [0, 1, 2].map((digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const formats: Formats = {
    number: (value, maxDigits = 0) => numbers[Math.min(Math.max(maxDigits, 0), 2)].format(value),
    hectares: (value) => `${numbers[2].format(value)} ha`,
    share: (fraction) => percent.format(fraction),
    percent: (value) => (value === null ? '—' : percent.format(value / 100)),
    millionVnd: (vnd) => numbers[1].format(vnd / 1_000_000),
    // Calendar dates are not instants: read and written in UTC so no time zone shifts them.
    date: (iso) => (iso ? date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—'),
    dateTime: (value) => dateTime.format(new Date(value)),
  };
  cache.set(lang, formats);
  return formats;
}
