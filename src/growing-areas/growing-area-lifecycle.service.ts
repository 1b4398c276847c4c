import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { findPage, Page, PageParams } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuditEntryResponse } from '../audit/dto/audit-entry.response';
import type { Actor } from '../auth/actor';
import { CertificateLifecycle } from '../certification/certificate-lifecycle.service';
import { ChangeStatusDto } from '../certification/dto/change-status.dto';
import { CreateInspectionDto } from '../certification/dto/create-inspection.dto';
import { InspectionResponse, toInspectionResponse } from '../certification/dto/inspection.response';
import { Inspection } from '../certification/inspection.entity';
import { HouseholdsService } from '../households/households.service';
import { CreatePlotDto } from './dto/create-plot.dto';
import { GrowingAreaResponse } from './dto/growing-area.response';
import { PlotResponse, toPlotResponse } from './dto/plot.response';
import { GrowingAreaCertificate } from './growing-area-certificate';
import { GrowingArea } from './growing-area.entity';
import { GrowingAreasService } from './growing-areas.service';
import { Plot } from './plot.entity';

/** A code's life after registration: status changes, inspections, plots and their history. */
@Injectable()
export class GrowingAreaLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: GrowingAreasService,
    private readonly certificate: GrowingAreaCertificate,
    private readonly lifecycle: CertificateLifecycle,
    private readonly households: HouseholdsService,
    private readonly audit: AuditService,
  ) {}

  changeStatus(actor: Actor, id: string, dto: ChangeStatusDto): Promise<GrowingAreaResponse> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.areas.findEntity(actor, id, em);
      await this.lifecycle.changeStatus(em, this.certificate, row, actor, dto);
      return this.areas.respond(row, true, em);
    });
  }

  recordInspection(
    actor: Actor,
    id: string,
    dto: CreateInspectionDto,
  ): Promise<{ inspection: InspectionResponse; growingArea: GrowingAreaResponse }> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.areas.findEntity(actor, id, em);
      const inspection = await this.lifecycle.recordInspection(em, this.certificate, row, actor, dto);
      return {
        inspection: toInspectionResponse(inspection),
        growingArea: await this.areas.respond(row, false, em),
      };
    });
  }

  async inspections(actor: Actor, id: string, q: PageParams): Promise<Page<InspectionResponse>> {
    await this.areas.findEntity(actor, id);
    return findPage(
      this.dataSource.getRepository(Inspection),
      q,
      {
        where: { subjectType: 'growing-area', subjectId: id },
        order: { inspectedOn: 'DESC', createdAt: 'DESC' },
      },
      toInspectionResponse,
    );
  }

  async history(actor: Actor, id: string, q: PageParams): Promise<Page<AuditEntryResponse>> {
    await this.areas.findEntity(actor, id);
    return this.audit.recordHistory({ ...q, entity: 'growing-area', entityId: id, sort: '-createdAt' });
  }

  /** The plots' total may not exceed the declared area: checked and reserved in one UPDATE (race-safe). */
  addPlot(actor: Actor, id: string, dto: CreatePlotDto): Promise<PlotResponse> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.areas.findEntity(actor, id, em);
      if (area.status === 'revoked') throw new ConflictException(`Growing-area code ${area.code} is revoked`);
      await this.households.findEntity(actor, dto.householdId, em);
      const reserved = await em
        .createQueryBuilder()
        .update(GrowingArea)
        .set({ plottedHa: () => 'ROUND(plottedHa + :add, 2)' })
        .where('id = :id AND plottedHa + :add <= areaHa + 0.001', { id, add: dto.areaHa })
        .setParameter('add', dto.areaHa)
        .execute();
      if (!reserved.affected) {
        const fresh = await em.findOneByOrFail(GrowingArea, { id });
        throw new UnprocessableEntityException(
          `Plots would total ${(fresh.plottedHa + dto.areaHa).toFixed(2)} ha, more than the ${fresh.areaHa.toFixed(2)} ha declared for ${fresh.code}`,
        );
      }
      const plot = { id: randomUUID(), growingAreaId: id, householdId: dto.householdId, areaHa: dto.areaHa };
      await em.insert(Plot, plot);
      await this.audit.record(em, actor, {
        entity: 'growing-area',
        entityId: id,
        action: 'add-plot',
        changes: {
          householdId: { before: null, after: dto.householdId },
          areaHa: { before: null, after: dto.areaHa },
        },
      });
      return toPlotResponse(await em.findOneByOrFail(Plot, { id: plot.id }));
    });
  }

  async plots(actor: Actor, id: string, q: PageParams): Promise<Page<PlotResponse>> {
    await this.areas.findEntity(actor, id);
    return findPage(
      this.dataSource.getRepository(Plot),
      q,
      { where: { growingAreaId: id }, order: { createdAt: 'ASC', id: 'ASC' } },
      toPlotResponse,
    );
  }
}
