import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../auth/roles.decorator';
import { Commune } from '../../communes/commune.entity';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { notFound } from '../../database/optimistic-update';
import { Ethnicity } from '../../ethnicities/ethnicity.entity';
import { toImportPreviewResponse } from '../../imports/dto/import-preview.response';
import { ImportUploadDto } from '../../imports/dto/import-upload.dto';
import { HouseholdImportCommitService } from '../../imports/household-import-commit.service';
import { HouseholdImportPreviewService } from '../../imports/household-import-preview.service';
import { writeHouseholdTemplate } from '../../imports/household-template';
import { ownImport } from '../../imports/import-access';
import { ImportJob } from '../../imports/import-job.entity';
import { withUploadedFile } from '../../imports/upload';
import { formValues, refusalOf, validateForm } from '../form-input';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import { UploadPage } from '../upload-page.decorator';
import type { WebContext, WebRequest } from '../web-context';
import { statusOf } from './format';
import { previewPage, UploadFormView, uploadForm } from './imports.view';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Household import: upload → preview of errors and probable duplicates row by row → commit, with
 * the API's own preview and commit services. Nothing reaches the register before the commit.
 */
@Controller('imports')
@Roles('admin', 'official', 'cooperative')
export class ImportPagesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly preview: HouseholdImportPreviewService,
    private readonly committer: HouseholdImportCommitService,
    private readonly cooperatives: CooperativesService,
  ) {}

  @Get('households')
  @Page()
  async uploadPage(@Req() req: WebRequest, @Query('cooperativeId') cooperativeId?: string): Promise<string> {
    const ctx = req.web!;
    return this.renderUpload(ctx, { cooperative: await this.namedCooperative(ctx, cooperativeId) });
  }

  /** The template the API serves, for the browser (which has the session cookie, not a bearer token). */
  @Get('households/template.xlsx')
  @Page()
  async template(@Res() res: Response): Promise<void> {
    const [communes, ethnicities] = await Promise.all([
      this.dataSource
        .getRepository(Commune)
        .find({ select: { code: true, name: true }, order: { name: 'ASC' } }),
      this.dataSource.getRepository(Ethnicity).find({ order: { code: 'ASC' } }),
    ]);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"');
    await writeHouseholdTemplate(res, communes, ethnicities);
  }

  @Post('households')
  @UploadPage('file')
  async upload(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const form = await validateForm(ImportUploadDto, formValues(body));
    const named = ctx.actor.role === 'cooperative' ? undefined : form.value?.cooperativeId;
    const cooperative = await this.namedCooperative(ctx, named);
    const cooperativeId =
      ctx.actor.role === 'cooperative' ? ctx.actor.cooperativeId : (cooperative?.id ?? null);
    try {
      const job = await withUploadedFile(file, (sheet) =>
        this.preview.preview(ctx.actor, sheet, cooperativeId),
      );
      res.redirect(303, `/imports/${job.id}`);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) throw error;
      const refusal = refusalOf(error);
      res.status(status);
      return this.renderUpload(ctx, {
        cooperative,
        error: refusal.errors.file ?? fileMessageOf(error) ?? refusal.message,
      });
    }
  }

  @Get(':id')
  @Page()
  async previewOf(
    @Req() req: WebRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('page') pageQuery?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const job = await this.householdImport(ctx, id);
    return layout(
      ctx,
      ctx.t('imports.previewTitle', { file: job.fileName }),
      previewPage(
        ctx,
        { ...toImportPreviewResponse(job), committedAt: job.committedAt },
        pageParam(pageQuery),
      ),
    );
  }

  @Post(':id/commit')
  @Page()
  async commit(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const ctx = req.web!;
    await this.committer.commit(ctx.actor, await this.householdImport(ctx, id));
    res.redirect(303, `/imports/${id}`);
  }

  /** The caller's own household import (admins see all); anything else is the 404 page. */
  private async householdImport(ctx: WebContext, id: string): Promise<ImportJob> {
    const job = ownImport(await this.dataSource.getRepository(ImportJob).findOneBy({ id }), ctx.actor, id);
    if (job.kind !== 'households') throw notFound('Import', id);
    return job;
  }

  /** The cooperative an official imports into (from the members page), when in their scope. */
  private async namedCooperative(
    ctx: WebContext,
    cooperativeId: string | undefined,
  ): Promise<{ id: string; name: string } | undefined> {
    if (ctx.actor.role === 'cooperative' || !cooperativeId || !/^[0-9a-f-]{36}$/i.test(cooperativeId)) {
      return undefined;
    }
    const cooperative = await this.cooperatives.findOne(ctx.actor, cooperativeId);
    return { id: cooperative.id, name: cooperative.name };
  }

  private renderUpload(ctx: WebContext, view: UploadFormView): string {
    return layout(ctx, ctx.t('imports.title'), uploadForm(ctx, view));
  }
}

/** The API names the file in `details` when it is missing (a plain 400, not a validation failure). */
function fileMessageOf(error: unknown): string | undefined {
  const body = (error as { getResponse?: () => unknown }).getResponse?.();
  const details = (body as { details?: Array<{ field: string; message: string }> } | undefined)?.details;
  return details?.find((d) => d.field === 'file')?.message;
}
