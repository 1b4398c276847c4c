import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { Commune } from '../communes/commune.entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';
import { ImportPreviewResponse, toImportPreviewResponse } from './dto/import-preview.response';
import { ImportUploadDto } from './dto/import-upload.dto';
import { HouseholdImportCommitService } from './household-import-commit.service';
import { CommitResult } from './import-commit';
import { HouseholdImportPreviewService } from './household-import-preview.service';
import { writeHouseholdTemplate } from './household-template';
import { CooperativeImportService } from './cooperative-import.service';
import { ownImport } from './import-access';
import { ImportJob } from './import-job.entity';
import { SheetUpload, withUploadedFile } from './upload';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin', 'official', 'cooperative')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly preview: HouseholdImportPreviewService,
    private readonly committer: HouseholdImportCommitService,
    private readonly cooperativeImport: CooperativeImportService,
  ) {}

  @Get('households/template.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The spreadsheet template with Vietnamese headers and the code lists' })
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
  @SheetUpload()
  uploadHouseholds(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() form: ImportUploadDto,
  ): Promise<ImportPreviewResponse> {
    const cooperativeId = actor.role === 'cooperative' ? actor.cooperativeId : (form.cooperativeId ?? null);
    return withUploadedFile(file, async (sheet) =>
      toImportPreviewResponse(await this.preview.preview(actor, sheet, cooperativeId)),
    );
  }

  @Post('cooperatives')
  @Roles('admin', 'official')
  @SheetUpload()
  uploadCooperatives(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportPreviewResponse> {
    return withUploadedFile(file, async (sheet) =>
      toImportPreviewResponse(await this.cooperativeImport.preview(actor, sheet)),
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportPreviewResponse })
  async findOne(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ImportPreviewResponse> {
    return toImportPreviewResponse(ownImport(await this.jobs().findOneBy({ id }), actor, id));
  }

  @Post(':id/commit')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Counts of created, updated, unchanged, joined and skipped rows' })
  async commit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CommitResult> {
    const job = ownImport(await this.jobs().findOneBy({ id }), actor, id);
    return job.kind === 'cooperatives'
      ? this.cooperativeImport.commit(actor, job)
      : this.committer.commit(actor, job);
  }

  private jobs() {
    return this.dataSource.getRepository(ImportJob);
  }
}
