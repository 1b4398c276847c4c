import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CertificatesExportService } from './certificates-export.service';
import { ExportHouseholdsQuery, HouseholdsExportService } from './households-export.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly householdsExport: HouseholdsExportService,
    private readonly certificatesExport: CertificatesExportService,
  ) {}

  @Get('growing-areas.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The scoped growing-area codes as .xlsx, streamed' })
  async growingAreas(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="ma-so-vung-trong.xlsx"');
    await this.certificatesExport.growingAreas(actor, res);
  }

  @Get('contracts.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The scoped contracts as .xlsx, streamed' })
  async contracts(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="hop-dong-lien-ket.xlsx"');
    await this.certificatesExport.contractsSheet(actor, res);
  }

  /** Streams the caller's scoped register in the import template's columns, so it can be re-imported. */
  @Get('households.xlsx')
  @Roles('admin', 'official', 'cooperative')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The scoped household list as .xlsx, streamed' })
  async households(
    @CurrentActor() actor: Actor,
    @Query() q: ExportHouseholdsQuery,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="ho-gia-dinh.xlsx"');
    await this.householdsExport.write(actor, q, res);
  }
}
