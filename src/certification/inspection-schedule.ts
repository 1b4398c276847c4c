import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';

export type CertificateKind = 'export' | 'domestic';

/** `YYYY-MM-DD` + n months, clamped to the month's end (31 Aug + 6 → 28/29 Feb; SPEC §5a). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today in Vietnam (UTC+7), where the dates on the certificates are written. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export interface InspectionFlags {
  /** The next inspection falls within the lead time (and is not yet overdue). */
  due: boolean;
  overdue: boolean;
}

/**
 * When inspections fall due (SPEC §2, §5a): a fixed interval per kind after the last inspection,
 * or after the issue date for a never-inspected certificate. The due/overdue flags of every list
 * and the periodic scans use these same rules.
 */
@Injectable()
export class InspectionSchedule {
  constructor(private readonly config: ConfigService<Env, true>) {}

  intervalMonths(kind: CertificateKind): number {
    return kind === 'export'
      ? this.config.get('INSPECTION_INTERVAL_EXPORT_MONTHS', { infer: true })
      : this.config.get('INSPECTION_INTERVAL_DOMESTIC_MONTHS', { infer: true });
  }

  get leadDays(): number {
    return this.config.get('INSPECTION_DUE_LEAD_DAYS', { infer: true });
  }

  nextDue(kind: CertificateKind, issuedOn: string, lastInspectedOn: string | null): string {
    return addMonths(lastInspectedOn ?? issuedOn, this.intervalMonths(kind));
  }

  /** Only certificates in force are inspected on schedule: pending, suspended and revoked ones are not flagged. */
  flags(status: string, nextInspectionDue: string, today = todayInVietnam()): InspectionFlags {
    return this.flagsOn(today)(status, nextInspectionDue);
  }

  /** flags() for many certificates on one day: the lead-time bound is worked out once. */
  flagsOn(today: string): (status: string, nextInspectionDue: string) => InspectionFlags {
    const dueBefore = addDays(today, this.leadDays + 1);
    return (status, nextInspectionDue) => {
      if (status !== 'active') return { due: false, overdue: false };
      const overdue = nextInspectionDue < today;
      return { overdue, due: !overdue && nextInspectionDue < dueBefore };
    };
  }

  /** The last day whose due date counts as "due" today: the scan's and the filters' bound. */
  dueHorizon(today = todayInVietnam()): string {
    return addDays(today, this.leadDays);
  }
}
