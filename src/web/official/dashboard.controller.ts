import { Controller, Get, Query, Req } from '@nestjs/common';
import { addDays, InspectionSchedule, todayInVietnam } from '../../certification/inspection-schedule';
import { GrowingAreasService } from '../../growing-areas/growing-areas.service';
import { PackingFacilitiesService } from '../../packing-facilities/packing-facilities.service';
import { DisbursementReportService } from '../../reports/disbursement-report.service';
import { OverviewReportService } from '../../reports/overview-report.service';
import { ValueChainsService } from '../../value-chains/value-chains.service';
import type { Actor } from '../../auth/actor';
import { Page } from '../page.decorator';
import type { WebRequest } from '../web-context';
import { dashboardPage } from './dashboard.view';
import { ReferenceLabels } from './reference-labels';

/** Who sees plan versus disbursed: the roles of GET /reports/disbursement. */
const REPORT_ROLES = ['admin', 'official'];

/** A year the disbursement report takes, or undefined. */
export const yearParam = (value: unknown): number | undefined => {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
};

/** The years offered in the year selects: next year back to eight years ago, and the one shown. */
export function yearOptions(shown?: number): number[] {
  const current = Number(todayInVietnam().slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => current + 1 - i);
  return shown && !years.includes(shown) ? [...years, shown].sort((a, b) => b - a) : years;
}

/** The programme at a glance (SPEC §7 figures per product), the inspection backlog, and the year's disbursement. */
@Controller('dashboard')
export class DashboardPageController {
  constructor(
    private readonly overviewReport: OverviewReportService,
    private readonly disbursementReport: DisbursementReportService,
    private readonly areas: GrowingAreasService,
    private readonly facilities: PackingFacilitiesService,
    private readonly chains: ValueChainsService,
    private readonly schedule: InspectionSchedule,
    private readonly references: ReferenceLabels,
  ) {}

  @Get()
  @Page()
  async dashboard(@Req() req: WebRequest, @Query('year') yearQuery?: string): Promise<string> {
    const ctx = req.web!;
    const { actor } = ctx;
    const dueBefore = addDays(this.schedule.dueHorizon(), 1);
    const counted = { page: 1, limit: 1 };
    const [overview, refs, codesOverdue, codesDueOrOverdue, facilitiesOverdue, year] = await Promise.all([
      this.overviewReport.overview(),
      this.references.load(ctx.lang),
      this.areas.list(actor, { ...counted, overdue: true }).then((p) => p.total),
      this.areas
        .list(actor, { ...counted, status: 'active', inspectionDueBefore: dueBefore })
        .then((p) => p.total),
      this.facilities.list(actor, { ...counted, overdue: true }).then((p) => p.total),
      REPORT_ROLES.includes(actor.role) ? this.reportYear(actor, yearQuery) : Promise.resolve(undefined),
    ]);
    const disbursement = year ? await this.disbursementReport.report(year) : undefined;
    return dashboardPage(ctx, {
      overview,
      inspections: {
        codesOverdue,
        codesDue: codesDueOrOverdue - codesOverdue,
        facilitiesOverdue,
        dueBefore,
      },
      disbursement,
      years: yearOptions(year),
      refs,
    });
  }

  /** The year asked for, else the start year of the latest model the caller sees (the demo's 2023), else this year. */
  private async reportYear(actor: Actor, asked: unknown): Promise<number> {
    const year = yearParam(asked);
    if (year) return year;
    const latest = await this.chains.list(actor, { page: 1, limit: 1, sort: '-startsOn' });
    return latest.items.length
      ? Number(latest.items[0].startsOn.slice(0, 4))
      : Number(todayInVietnam().slice(0, 4));
  }
}
