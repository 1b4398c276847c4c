import type { Language } from '../i18n/catalogue';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Volumes, prices and areas as people of the page's language write them (12.345,5 or 12,345.5). */
export function numberFormat(lang: Language): (n: number) => string {
  const format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 });
  return (n) => format.format(n);
}

/** `YYYY-MM-DD` as dd/mm/yyyy (both vi-VN and en-GB), without going through a time zone. */
export const dayOf = (isoDate: string): string => {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};

/** A timestamp in Việt Nam's time. */
export function dateTimeFormat(lang: Language): (at: Date | string) => string {
  const format = new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  return (at) => format.format(new Date(at));
}

/** A market's name in the page's language (CN → Trung Quốc / China), the code when unknown. */
export function marketName(lang: Language, code: string): string {
  try {
    return new Intl.DisplayNames([LOCALES[lang]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
