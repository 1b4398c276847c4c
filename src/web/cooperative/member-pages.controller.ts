import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import type { ListCooperativesQuery } from '../../cooperatives/dto/list-cooperatives.query';
import { AddMemberDto } from '../../memberships/dto/add-member.dto';
import type { ListMembersQuery } from '../../memberships/dto/list-members.query';
import { MembershipsService } from '../../memberships/memberships.service';
import { formValues, refusalOf, validateForm } from '../form-input';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebContext, WebRequest } from '../web-context';
import { cooperativeResults, cooperativeSearchForm, membersPage } from './members.view';
import { emptyForm, FormState, queryText, statusOf, wantsFragment } from './format';
import { ReferenceOptions } from './reference-options';

const LIMIT = 20;
const SAVED = { added: 'members.added', left: 'members.left' } as const;

/** A cooperative's members: list, join by CCCD with a role, leave (the membership keeps its history). */
@Controller('cooperatives')
@Roles('admin', 'official', 'cooperative')
export class MemberPagesController {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly memberships: MembershipsService,
    private readonly refs: ReferenceOptions,
  ) {}

  /** Cooperative staff have one cooperative: straight to its members. Officials pick one. */
  @Get()
  @Page()
  async index(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('search') searchQuery?: unknown,
    @Query('page') pageQuery?: string,
  ): Promise<string | void> {
    const ctx = req.web!;
    if (ctx.actor.role === 'cooperative') {
      res.redirect(303, `/cooperatives/${ctx.actor.cooperativeId}/members`);
      return;
    }
    const search = queryText(searchQuery)?.slice(0, 200);
    const [page, communes] = await Promise.all([
      this.cooperatives.list(ctx.actor, {
        page: pageParam(pageQuery),
        limit: LIMIT,
        search,
        sort: 'name',
      } as ListCooperativesQuery),
      this.refs.communes(),
    ]);
    const results = cooperativeResults(ctx, page, communes.names);
    if (wantsFragment(req)) return results.value;
    return layout(
      ctx,
      ctx.t('members.cooperatives'),
      html`${cooperativeSearchForm(ctx, search)}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get(':id/members')
  @Page()
  async members(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('saved') saved?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const notice = saved && saved in SAVED ? ctx.t(SAVED[saved as keyof typeof SAVED]) : undefined;
    return this.render(ctx, id, emptyForm({ role: 'member' }), notice);
  }

  @Post(':id/members')
  @Page()
  async add(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    await this.cooperatives.findEntity(ctx.actor, id); // out of scope: the 404 page, not a form message
    const values = formValues(body);
    const checked = await validateForm(AddMemberDto, values);
    if (checked.errors) {
      res.status(400);
      return this.render(ctx, id, { values, errors: checked.errors });
    }
    try {
      await this.memberships.add(ctx.actor, id, checked.value);
      res.redirect(303, `/cooperatives/${id}/members?saved=added`);
    } catch (error) {
      const refusal = refusalOf(error);
      res.status(statusOf(error));
      return this.render(ctx, id, { values, ...refusal });
    }
  }

  @Post(':id/members/:householdId/leave')
  @Page()
  async leave(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('householdId', ParseUUIDPipe) householdId: string,
  ): Promise<void> {
    await this.memberships.remove(req.web!.actor, id, householdId);
    res.redirect(303, `/cooperatives/${id}/members?saved=left`);
  }

  private async render(ctx: WebContext, id: string, add: FormState, notice?: string): Promise<string> {
    const url = new URL(ctx.path, 'http://x');
    const includeFormer = url.searchParams.get('includeFormer') === 'true';
    const [cooperative, members, communes] = await Promise.all([
      this.cooperatives.findOne(ctx.actor, id),
      this.memberships.list(ctx.actor, id, {
        page: pageParam(url.searchParams.get('page')),
        limit: LIMIT,
        includeFormer,
        sort: '-joinedOn',
      } as ListMembersQuery),
      this.refs.communes(),
    ]);
    return layout(
      ctx,
      ctx.t('members.title', { name: cooperative.name }),
      membersPage(ctx, { cooperative, members, includeFormer, communes: communes.names, add, notice }),
    );
  }
}
