import {
  Body,
  ConflictException,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import { CreateHouseholdDto } from '../../households/dto/create-household.dto';
import type { HouseholdResponse } from '../../households/dto/household.response';
import { ListHouseholdsQuery } from '../../households/dto/list-households.query';
import { UpdateHouseholdDto } from '../../households/dto/update-household.dto';
import { HouseholdsService } from '../../households/households.service';
import type { ListHouseholdSupportQuery } from '../../support/dto/list-support.query';
import { MembershipsService } from '../../memberships/memberships.service';
import { SupportService } from '../../support/support.service';
import { alert } from '../form-fields';
import { formValues, refusalOf, validateForm } from '../form-input';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import type { WebContext, WebRequest } from '../web-context';
import { emptyForm, FormState, pickQuery, statusOf, wantsFragment } from './format';
import { householdDetail } from './household-detail.view';
import { HOUSEHOLD_NUMBERS, householdForm, HouseholdFormOptions } from './household-form.view';
import { householdFilterForm, householdResults, ListReferences } from './household-list.view';
import { ReferenceOptions } from './reference-options';

const LIMIT = 20;
const SUPPORT_SHOWN = 10;
const FILTERS = ['search', 'communeCode', 'povertyStatus', 'ethnicity'] as const;
/** Optional fields the API clears when sent as null. */
const CLEARABLE = ['phone', 'village'] as const;
const SAVED = { created: 'households.created', updated: 'households.saved' } as const;

/** The household register: search as you type, detail, add and edit — the API's service and rules. */
@Controller('households')
@Roles('admin', 'official', 'cooperative')
export class HouseholdPagesController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly memberships: MembershipsService,
    private readonly support: SupportService,
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
    const filters = pickQuery(query, FILTERS);
    const asked = await validateForm(ListHouseholdsQuery, {
      ...filters,
      ...pickQuery(query, ['page']),
      limit: LIMIT,
    });
    const refs = await this.references();
    const results = asked.value
      ? householdResults(ctx, await this.households.list(ctx.actor, asked.value), refs)
      : alert(Object.values(asked.errors).join(' '));
    if (asked.errors) res.status(400);
    if (wantsFragment(req)) return results.value;
    return layout(
      ctx,
      ctx.t('households.title'),
      html`<div class="actions"><a class="button" href="/households/new">${ctx.t('households.add')}</a></div>
        ${householdFilterForm(ctx, filters, refs, asked.errors ?? {})}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get('new')
  @Page()
  async newForm(@Req() req: WebRequest, @Query('cooperativeId') cooperativeId?: string): Promise<string> {
    return this.renderForm(req.web!, 'new', emptyForm(), this.createOptions(req.web!, cooperativeId));
  }

  @Post()
  @Page()
  async create(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const values = formValues(body, { numbers: HOUSEHOLD_NUMBERS });
    const options = this.createOptions(
      ctx,
      typeof values.cooperativeId === 'string' ? values.cooperativeId : undefined,
    );
    const checked = await validateForm(CreateHouseholdDto, values);
    if (checked.errors) {
      res.status(400);
      return this.renderForm(ctx, 'new', { values, errors: checked.errors }, options);
    }
    try {
      const created = await this.households.create(ctx.actor, checked.value);
      res.redirect(303, `/households/${created.id}?saved=created`);
    } catch (error) {
      const refusal = refusalOf(error);
      res.status(statusOf(error));
      return this.renderForm(ctx, 'new', { values, ...refusal }, options);
    }
  }

  @Get(':id')
  @Page()
  async detail(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('saved') saved?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const [household, memberships, support, refs] = await Promise.all([
      this.households.findOne(ctx.actor, id),
      this.memberships.ofHousehold(ctx.actor, id),
      this.support.listForHousehold(ctx.actor, id, {
        page: 1,
        limit: SUPPORT_SHOWN,
        sort: '-supportedOn',
      } as ListHouseholdSupportQuery),
      this.references(),
    ]);
    const notice = saved && saved in SAVED ? alert(ctx.t(SAVED[saved as keyof typeof SAVED]), 'ok') : '';
    return layout(
      ctx,
      household.headName,
      html`${notice}${householdDetail(ctx, { household, memberships, support }, refs)}`,
    );
  }

  @Get(':id/edit')
  @Page()
  async editForm(@Req() req: WebRequest, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    const ctx = req.web!;
    const household = await this.households.findOne(ctx.actor, id);
    return this.renderForm(ctx, 'edit', emptyForm(editableValues(household)), this.editOptions(household));
  }

  @Post(':id')
  @Page()
  async update(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const current = await this.households.findOne(ctx.actor, id);
    const values = formValues(body, { numbers: HOUSEHOLD_NUMBERS });
    // An emptied phone or village is removed (null), not left as it was (absent).
    for (const name of CLEARABLE) if (body[name] === '') values[name] = null;
    const options = { ...this.editOptions(current), version: Number(values.version) || current.version };
    const checked = await validateForm(UpdateHouseholdDto, values);
    if (checked.errors) {
      res.status(400);
      return this.renderForm(ctx, 'edit', { values, errors: checked.errors }, options);
    }
    try {
      await this.households.update(ctx.actor, id, checked.value);
      res.redirect(303, `/households/${id}?saved=updated`);
    } catch (error) {
      const refusal = refusalOf(error);
      res.status(statusOf(error));
      const latest =
        error instanceof ConflictException ? await this.households.findOne(ctx.actor, id) : current;
      if (latest.version !== checked.value.version) {
        // Someone saved in between: the form cannot be sent again as it is; the person re-opens it.
        const notice = html`${alert(ctx.t('households.stale'))}
          <p class="muted">${refusal.message}</p>
          <p><a href="/households/${id}/edit">${ctx.t('households.reopen')}</a></p>`;
        return this.renderForm(ctx, 'edit', { values, errors: {} }, { ...options, notice });
      }
      return this.renderForm(ctx, 'edit', { values, ...refusal }, options);
    }
  }

  private async renderForm(
    ctx: WebContext,
    mode: 'new' | 'edit',
    state: FormState,
    options: HouseholdFormOptions,
  ): Promise<string> {
    const title = ctx.t(mode === 'new' ? 'households.new' : 'households.edit');
    return layout(ctx, title, householdForm(ctx, state, await this.references(), options));
  }

  private createOptions(ctx: WebContext, cooperativeId?: string): HouseholdFormOptions {
    const named = ctx.actor.role !== 'cooperative' && cooperativeId && /^[0-9a-f-]{36}$/i.test(cooperativeId);
    return {
      action: '/households',
      cancel: named ? `/cooperatives/${cooperativeId}/members` : '/households',
      cooperativeId: named ? cooperativeId : undefined,
    };
  }

  private editOptions(household: HouseholdResponse): HouseholdFormOptions {
    return {
      action: `/households/${household.id}`,
      cancel: `/households/${household.id}`,
      version: household.version,
    };
  }

  private async references(): Promise<ListReferences> {
    const [communes, ethnicities] = await Promise.all([this.refs.communes(), this.refs.ethnicities()]);
    return { communes, ethnicities };
  }
}

/** The fields of the edit form, as the API gave them. */
function editableValues(h: HouseholdResponse): Record<string, unknown> {
  return {
    headName: h.headName,
    nationalId: h.nationalId,
    gender: h.gender,
    birthYear: h.birthYear,
    ethnicity: h.ethnicity,
    phone: h.phone,
    communeCode: h.communeCode,
    village: h.village,
    memberCount: h.memberCount,
    povertyStatus: h.povertyStatus,
    povertyAssessedYear: h.povertyAssessedYear,
    consent: h.consent,
  };
}
