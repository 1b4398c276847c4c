import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import {
  DismissDuplicateDto,
  ListDuplicatesQuery,
  MergeDuplicateDto,
} from '../../integrity/dto/duplicate-decision.dto';
import { IntegrityService } from '../../integrity/integrity.service';
import { formValues } from '../form-input';
import { Page } from '../page.decorator';
import type { WebContext, WebRequest } from '../web-context';
import { listQuery } from './certificate-filters.view';
import { duplicatesPage, duplicatesResults, PairRefusal } from './duplicates.view';
import { answerForm, submitForm } from './form-submission';
import { ReferenceLabels } from './reference-labels';

const FILTERS = ['status', 'householdId'] as const;
const LIMIT = 10;

/** Probable duplicate households (SPEC §8): pairs side by side, merged or dismissed by officials. */
@Controller('duplicates')
@Roles('admin', 'official')
export class DuplicatesPagesController {
  constructor(
    private readonly integrity: IntegrityService,
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
    const { html: page, status } = await this.render(ctx, raw, req.headers['x-partial'] === '1');
    if (status !== 200) res.status(status);
    return page;
  }

  @Post(':id/merge')
  @Page()
  async merge(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const outcome = await submitForm(MergeDuplicateDto, formValues(body), (dto) =>
      this.integrity.merge(ctx.actor, id, dto),
    );
    return answerForm(
      res,
      outcome,
      '/duplicates?saved=merged',
      async (state) => (await this.render(ctx, {}, false, { pairId: id, state })).html,
    );
  }

  @Post(':id/dismiss')
  @Page()
  async dismiss(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const outcome = await submitForm(DismissDuplicateDto, formValues(body), (dto) =>
      this.integrity.dismiss(ctx.actor, id, dto),
    );
    return answerForm(
      res,
      outcome,
      '/duplicates?saved=dismissed',
      async (state) => (await this.render(ctx, {}, false, { pairId: id, state })).html,
    );
  }

  /** The list (open pairs by default, most alike first); a refused decision shows on its pair, or on top. */
  private async render(
    ctx: WebContext,
    raw: Record<string, unknown>,
    partial: boolean,
    refusal?: PairRefusal,
  ): Promise<{ html: string; status: number }> {
    const [refs, q] = await Promise.all([
      this.references.load(ctx.lang),
      listQuery(ListDuplicatesQuery, raw, FILTERS, LIMIT),
    ]);
    const page = q.query ? await this.integrity.listDuplicates(ctx.actor, q.query) : undefined;
    const list = { page, values: q.values, errors: q.errors, refs, refusal, saved: raw.saved };
    const status = q.query ? 200 : 400;
    if (partial) return { html: duplicatesResults(ctx, list).value, status };
    return { html: duplicatesPage(ctx, list), status };
  }
}
