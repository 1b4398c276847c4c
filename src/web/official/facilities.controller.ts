import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { EnterprisesService } from '../../enterprises/enterprises.service';
import { ListPackingFacilitiesQuery } from '../../packing-facilities/dto/list-packing-facilities.query';
import { PackingFacilitiesService } from '../../packing-facilities/packing-facilities.service';
import { PackingFacilityLifecycleService } from '../../packing-facilities/packing-facility-lifecycle.service';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebContext, WebRequest } from '../web-context';
import { CERTIFICATE_FILTERS, certificateFilters, listQuery } from './certificate-filters.view';
import type { CertificateForms } from './certificate-forms.view';
import { INSPECTING_ROLES } from './codes.controller';
import { facilitiesResults, facilityDetailPage } from './facilities.view';
import { answerForm, submitInspection, submitStatus } from './form-submission';
import { ReferenceLabels, visibleName } from './reference-labels';

const SUB_LIMIT = 10;

/** Packing facilities: the filtered list, a facility's page with its sources, inspections and status forms. */
@Controller('facilities')
export class FacilitiesPagesController {
  constructor(
    private readonly facilities: PackingFacilitiesService,
    private readonly lifecycle: PackingFacilityLifecycleService,
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
    const { t } = ctx;
    const [refs, q] = await Promise.all([
      this.references.load(ctx.lang),
      listQuery(ListPackingFacilitiesQuery, raw, [...CERTIFICATE_FILTERS, 'atRisk']),
    ]);
    if (!q.query) res.status(400);
    const page = q.query ? await this.facilities.list(ctx.actor, q.query) : undefined;
    const results = facilitiesResults(ctx, page, refs);
    if (req.headers['x-partial'] === '1') return results.value;
    return layout(
      ctx,
      t('facilities.title'),
      html`${certificateFilters(ctx, {
          action: '/facilities',
          values: q.values,
          errors: q.errors,
          refs,
          atRisk: true,
          sorts: [
            { value: '', label: t('cert.sort.newest') },
            { value: 'code', label: t('cert.sort.code') },
            { value: 'name', label: t('cert.sort.name') },
            { value: 'nextInspectionDue', label: t('cert.sort.due') },
          ],
        })}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get(':id')
  @Page()
  detail(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.render(req.web!, id, {}, query);
  }

  @Post(':id/inspections')
  @Page()
  @Roles(...INSPECTING_ROLES)
  async inspect(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const outcome = await submitInspection(body, (dto) =>
      this.lifecycle.recordInspection(req.web!.actor, id, dto),
    );
    return answerForm(res, outcome, `/facilities/${id}?saved=inspection#inspections`, (inspection) =>
      this.render(req.web!, id, { inspection }),
    );
  }

  @Post(':id/status')
  @Page()
  @Roles(...INSPECTING_ROLES)
  async changeStatus(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const outcome = await submitStatus(body, (dto) => this.lifecycle.changeStatus(req.web!.actor, id, dto));
    return answerForm(res, outcome, `/facilities/${id}?saved=status#status`, (status) =>
      this.render(req.web!, id, { status }),
    );
  }

  private async render(
    ctx: WebContext,
    id: string,
    forms: CertificateForms,
    query: Record<string, unknown> = {},
  ): Promise<string> {
    const { actor } = ctx;
    const facility = await this.facilities.findOne(actor, id);
    const { operatorCooperativeId: cooperativeId, operatorEnterpriseId: enterpriseId } = facility;
    const [refs, operatorName, sources, inspections, history] = await Promise.all([
      this.references.load(ctx.lang),
      cooperativeId
        ? visibleName(() => this.cooperatives.findOne(actor, cooperativeId))
        : enterpriseId
          ? visibleName(() => this.enterprises.findOne(actor, enterpriseId))
          : Promise.resolve(null),
      this.lifecycle.sources(actor, id),
      this.lifecycle.inspections(actor, id, { page: pageParam(query.ipage), limit: SUB_LIMIT }),
      this.lifecycle.history(actor, id, { page: pageParam(query.hpage), limit: SUB_LIMIT }),
    ]);
    return facilityDetailPage(ctx, {
      facility,
      operatorName,
      sources,
      inspections,
      history,
      refs,
      canInspect: INSPECTING_ROLES.includes(actor.role),
      forms,
      saved: query.saved,
    });
  }
}
