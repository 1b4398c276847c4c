import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { EnterprisesService } from '../../enterprises/enterprises.service';
import { DisbursementReportService } from '../../reports/disbursement-report.service';
import { DisbursementsService } from '../../value-chains/disbursements.service';
import { ListValueChainsQuery } from '../../value-chains/dto/value-chain-requests.dto';
import { ValueChainsService } from '../../value-chains/value-chains.service';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebRequest } from '../web-context';
import { listQuery } from './certificate-filters.view';
import { yearOptions } from './dashboard.controller';
import { ReferenceLabels, visibleName } from './reference-labels';
import { chainDetailPage, chainFilters, chainsResults } from './value-chains.view';

const FILTERS = ['search', 'year', 'programme', 'status', 'productCode'] as const;

/** Disbursement progress per model (SPEC §8): plan versus paid per source, and the year's summary. */
@Controller('value-chains')
export class ValueChainsPagesController {
  constructor(
    private readonly chains: ValueChainsService,
    private readonly payments: DisbursementsService,
    private readonly disbursementReport: DisbursementReportService,
    private readonly cooperatives: CooperativesService,
    private readonly enterprises: EnterprisesService,
    private readonly references: ReferenceLabels,
  ) {}

  @Get()
  @Page()
  async list(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<string> {
    const ctx = req.web!;
    const { actor } = ctx;
    const [refs, q] = await Promise.all([
      this.references.load(ctx.lang),
      listQuery(ListValueChainsQuery, raw, FILTERS),
    ]);
    if (!q.query) res.status(400);
    const query = q.query && { ...q.query, sort: q.query.sort ?? '-startsOn' };
    // The year's plan versus disbursed is the report of admins and officials (GET /reports/disbursement).
    const withSummary = query?.year && ['admin', 'official'].includes(actor.role);
    const [page, summary] = await Promise.all([
      query ? this.chains.list(actor, query) : undefined,
      withSummary ? this.disbursementReport.report(query.year!, query.programme) : undefined,
    ]);
    const results = chainsResults(ctx, page, refs, summary);
    if (req.headers['x-partial'] === '1') return results.value;
    return layout(
      ctx,
      ctx.t('chains.title'),
      html`${chainFilters(ctx, { values: q.values, errors: q.errors, years: yearOptions(query?.year), refs })}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get(':id')
  @Page()
  async detail(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('dpage') dpage?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const { actor } = ctx;
    const chain = await this.chains.findOne(actor, id);
    const { leadCooperativeId, leadEnterpriseId } = chain;
    const [refs, leadName, disbursements] = await Promise.all([
      this.references.load(ctx.lang),
      leadCooperativeId
        ? visibleName(() => this.cooperatives.findOne(actor, leadCooperativeId))
        : leadEnterpriseId
          ? visibleName(() => this.enterprises.findOne(actor, leadEnterpriseId))
          : Promise.resolve(null),
      this.payments.disbursements(actor, id, { page: pageParam(dpage), limit: 20 }),
    ]);
    return chainDetailPage(ctx, { chain, leadName, disbursements, refs });
  }
}
