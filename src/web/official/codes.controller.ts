import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { ListGrowingAreasQuery } from '../../growing-areas/dto/list-growing-areas.query';
import { GrowingAreaLifecycleService } from '../../growing-areas/growing-area-lifecycle.service';
import { GrowingAreasService } from '../../growing-areas/growing-areas.service';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebContext, WebRequest } from '../web-context';
import { CERTIFICATE_FILTERS, certificateFilters, listQuery } from './certificate-filters.view';
import type { CertificateForms } from './certificate-forms.view';
import { codeDetailPage } from './code-detail.view';
import { codesResults } from './codes.view';
import { answerForm, submitInspection, submitStatus } from './form-submission';
import { ReferenceLabels, visibleName } from './reference-labels';

/** Who records inspections and changes statuses: the roles the API's endpoints allow. */
export const INSPECTING_ROLES: Role[] = ['admin', 'official', 'inspector'];
const SUB_LIMIT = 10;

/** Growing-area codes: the filtered list, a code's page with its map, inspections and status forms. */
@Controller('codes')
export class CodesPagesController {
  constructor(
    private readonly areas: GrowingAreasService,
    private readonly lifecycle: GrowingAreaLifecycleService,
    private readonly cooperatives: CooperativesService,
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
      listQuery(ListGrowingAreasQuery, raw, CERTIFICATE_FILTERS),
    ]);
    if (!q.query) res.status(400);
    const page = q.query ? await this.areas.list(ctx.actor, q.query) : undefined;
    const results = codesResults(ctx, page, refs);
    if (req.headers['x-partial'] === '1') return results.value;
    return layout(
      ctx,
      t('codes.title'),
      html`${certificateFilters(ctx, {
          action: '/codes',
          values: q.values,
          errors: q.errors,
          refs,
          sorts: [
            { value: '', label: t('cert.sort.newest') },
            { value: 'code', label: t('cert.sort.code') },
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
    return answerForm(res, outcome, `/codes/${id}?saved=inspection#inspections`, (inspection) =>
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
    return answerForm(res, outcome, `/codes/${id}?saved=status#status`, (status) =>
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
    const area = await this.areas.findOne(actor, id);
    const [refs, cooperativeName, plots, inspections, history] = await Promise.all([
      this.references.load(ctx.lang),
      area.cooperativeId
        ? visibleName(() => this.cooperatives.findOne(actor, area.cooperativeId!))
        : Promise.resolve(null),
      this.lifecycle.plots(actor, id, { page: 1, limit: 1 }),
      this.lifecycle.inspections(actor, id, { page: pageParam(query.ipage), limit: SUB_LIMIT }),
      this.lifecycle.history(actor, id, { page: pageParam(query.hpage), limit: SUB_LIMIT }),
    ]);
    return codeDetailPage(ctx, {
      area,
      cooperativeName,
      plots,
      inspections,
      history,
      refs,
      canInspect: INSPECTING_ROLES.includes(actor.role),
      forms,
      saved: query.saved,
    });
  }
}
