import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, Type } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import type { SubListQuery } from '../../certification/dto/sub-list.query';
import { CreateForecastDto, CreateHarvestDto, ListForecastsQuery } from '../../forecasts/dto/forecast.dto';
import { ForecastsService } from '../../forecasts/forecasts.service';
import { CreatePlotDto } from '../../growing-areas/dto/create-plot.dto';
import { ListGrowingAreasQuery } from '../../growing-areas/dto/list-growing-areas.query';
import { GrowingAreaLifecycleService } from '../../growing-areas/growing-area-lifecycle.service';
import { GrowingAreasService } from '../../growing-areas/growing-areas.service';
import type { ListHouseholdsQuery } from '../../households/dto/list-households.query';
import { HouseholdsService } from '../../households/households.service';
import { alert } from '../form-fields';
import { formValues, refusalOf, validateForm } from '../form-input';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebContext, WebRequest } from '../web-context';
import { CodeForms, codeDetail, householdChoice } from './code-detail.view';
import { codeFilterForm, codeResults } from './code-list.view';
import { emptyForm, pickQuery, queryText, statusOf, wantsFragment } from './format';
import { ReferenceOptions } from './reference-options';

const LIMIT = 20;
const SUB_LIMIT = 10;
const CHOICES = 20;
const SAVED = {
  plot: 'myCodes.saved.plot',
  forecast: 'myCodes.saved.forecast',
  harvest: 'myCodes.saved.harvest',
} as const;
type FormName = keyof CodeForms;

/**
 * The cooperative's growing-area codes (the API's scoping: staff see the codes their cooperative
 * manages) with plots, forecasts and harvests. Officials have their own code pages at /codes.
 */
@Controller('my-codes')
@Roles('admin', 'official', 'cooperative')
export class MyCodesPagesController {
  constructor(
    private readonly areas: GrowingAreasService,
    private readonly lifecycle: GrowingAreaLifecycleService,
    private readonly forecasts: ForecastsService,
    private readonly households: HouseholdsService,
    private readonly refs: ReferenceOptions,
  ) {}

  @Get()
  @Page()
  async list(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const ctx = req.web!;
    const filters = pickQuery(query, ['search', 'status']);
    const asked = await validateForm(ListGrowingAreasQuery, {
      ...filters,
      ...pickQuery(query, ['page']),
      limit: LIMIT,
      sort: 'code',
    });
    const results = asked.value
      ? codeResults(ctx, await this.areas.list(ctx.actor, asked.value), await this.refs.products())
      : alert(Object.values(asked.errors).join(' '));
    if (asked.errors) res.status(400);
    if (wantsFragment(req)) return results.value;
    return layout(
      ctx,
      ctx.t('myCodes.title'),
      html`${codeFilterForm(ctx, filters, asked.errors ?? {})}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get(':id')
  @Page()
  async detail(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('saved') saved?: string,
  ): Promise<string> {
    const ctx = req.web!;
    if (wantsFragment(req)) {
      // The plot form's live household search: only the picker.
      await this.areas.findEntity(ctx.actor, id);
      const choices = await this.householdChoices(ctx, queryText(req.query.q));
      return householdChoice(ctx, { householdChoices: choices }, emptyForm()).value;
    }
    const notice = saved && saved in SAVED ? ctx.t(SAVED[saved as keyof typeof SAVED]) : undefined;
    return this.render(ctx, id, {}, notice);
  }

  @Post(':id/plots')
  @Page()
  plot(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    return this.submit(
      req,
      res,
      id,
      'plot',
      CreatePlotDto,
      formValues(body, { numbers: ['areaHa'] }),
      (dto) => this.lifecycle.addPlot(req.web!.actor, id, dto),
    );
  }

  @Post(':id/forecasts')
  @Page()
  forecast(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    return this.submit(
      req,
      res,
      id,
      'forecast',
      CreateForecastDto,
      formValues(body, { numbers: ['volume'] }),
      (dto) => this.forecasts.createForecast(req.web!.actor, id, dto),
    );
  }

  @Post(':id/harvests')
  @Page()
  harvest(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    return this.submit(
      req,
      res,
      id,
      'harvest',
      CreateHarvestDto,
      formValues(body, { numbers: ['volume'] }),
      (dto) => this.forecasts.recordHarvest(req.web!.actor, id, dto),
    );
  }

  /**
   * One of the code's forms: validated with the API's DTO, saved by the API's service, then back to
   * the code (303) — or the code page again with the messages in that form (400/409/422).
   */
  private async submit<T>(
    req: WebRequest,
    res: Response,
    id: string,
    form: FormName,
    dto: Type<T>,
    values: Record<string, unknown>,
    save: (dto: T) => Promise<unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    await this.areas.findEntity(ctx.actor, id); // another cooperative's code: the 404 page
    const checked = await validateForm(dto, values);
    if (checked.errors) {
      res.status(400);
      return this.render(ctx, id, { [form]: { values, errors: checked.errors } });
    }
    try {
      await save(checked.value);
      res.redirect(303, `/my-codes/${id}?saved=${form}#${form}s`);
    } catch (error) {
      const refusal = refusalOf(error);
      res.status(statusOf(error));
      return this.render(ctx, id, { [form]: { values, ...refusal } });
    }
  }

  private async render(
    ctx: WebContext,
    id: string,
    forms: Partial<CodeForms>,
    notice?: string,
  ): Promise<string> {
    const url = new URL(ctx.path, 'http://x');
    const sub = (param: string) => ({ page: pageParam(url.searchParams.get(param)), limit: SUB_LIMIT });
    const householdSearch = queryText(url.searchParams.get('q'));
    const code = await this.areas.findOne(ctx.actor, id);
    const [plots, forecasts, harvests, products, choices] = await Promise.all([
      this.lifecycle.plots(ctx.actor, id, sub('plotPage') as SubListQuery),
      this.forecasts.listForecasts(ctx.actor, id, sub('forecastPage') as ListForecastsQuery),
      this.forecasts.listHarvests(ctx.actor, id, sub('harvestPage') as ListForecastsQuery),
      this.refs.products(),
      this.householdChoices(ctx, householdSearch),
    ]);
    const plotState = forms.plot ?? emptyForm();
    const chosen =
      typeof plotState.values.householdId === 'string' ? plotState.values.householdId : undefined;
    const names = await this.households.headNames(ctx.actor, [
      ...plots.items.map((p) => p.householdId),
      ...(chosen ? [chosen] : []),
    ]);
    // A household chosen before the form came back keeps its place in the picker.
    if (chosen && names.has(chosen) && !choices.some((c) => c.id === chosen)) {
      choices.unshift({ id: chosen, headName: names.get(chosen)! });
    }
    return layout(
      ctx,
      code.code,
      codeDetail(ctx, {
        code,
        products,
        plots,
        names,
        householdChoices: choices,
        householdSearch,
        forecasts,
        harvests,
        forms: {
          plot: plotState,
          forecast: forms.forecast ?? emptyForm(),
          harvest: forms.harvest ?? emptyForm(),
        },
        notice,
      }),
    );
  }

  /** Households to offer for a plot: the first page of the caller's register, or of a name search. */
  private async householdChoices(
    ctx: WebContext,
    search?: string,
  ): Promise<Array<{ id: string; headName: string }>> {
    const page = await this.households.list(ctx.actor, {
      page: 1,
      limit: CHOICES,
      search: search?.slice(0, 120),
    } as ListHouseholdsQuery);
    return page.items.map((h) => ({
      id: h.id,
      headName: `${h.headName} (${h.birthYear}${h.village ? `, ${h.village}` : ''})`,
    }));
  }
}
