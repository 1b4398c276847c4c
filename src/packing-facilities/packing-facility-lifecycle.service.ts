import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { findPage, Page, PageParams } from '@lienket/http-common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuditEntryResponse } from '../audit/dto/audit-entry.response';
import type { Actor } from '../auth/actor';
import { CertificateLifecycle } from '../certification/certificate-lifecycle.service';
import { ChangeStatusDto } from '../certification/dto/change-status.dto';
import { CreateInspectionDto } from '../certification/dto/create-inspection.dto';
import { InspectionResponse, toInspectionResponse } from '../certification/dto/inspection.response';
import { Inspection } from '../certification/inspection.entity';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { GrowingAreasService } from '../growing-areas/growing-areas.service';
import { FacilitySourceResponse, PackingFacilityResponse } from './dto/packing-facility.response';
import { PackingFacilitySource } from './packing-facility-links.entity';
import { PackingFacilityCertificate } from './packing-facility-certificate';
import { PackingFacilitiesService } from './packing-facilities.service';
import { sourcingRefusal } from './sourcing-rule';

/** A facility's status changes, inspections and sources. */
@Injectable()
export class PackingFacilityLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: PackingFacilitiesService,
    private readonly areas: GrowingAreasService,
    private readonly certificate: PackingFacilityCertificate,
    private readonly lifecycle: CertificateLifecycle,
    private readonly audit: AuditService,
  ) {}

  changeStatus(actor: Actor, id: string, dto: ChangeStatusDto): Promise<PackingFacilityResponse> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.facilities.findEntity(actor, id, em);
      await this.lifecycle.changeStatus(em, this.certificate, row, actor, dto);
      return this.facilities.respond(row, em);
    });
  }

  recordInspection(actor: Actor, id: string, dto: CreateInspectionDto) {
    return this.dataSource.transaction(async (em) => {
      const row = await this.facilities.findEntity(actor, id, em);
      const inspection = await this.lifecycle.recordInspection(em, this.certificate, row, actor, dto);
      return {
        inspection: toInspectionResponse(inspection),
        packingFacility: await this.facilities.respond(row, em),
      };
    });
  }

  async inspections(actor: Actor, id: string, q: PageParams): Promise<Page<InspectionResponse>> {
    await this.facilities.findEntity(actor, id);
    return findPage(
      this.dataSource.getRepository(Inspection),
      q,
      {
        where: { subjectType: 'packing-facility', subjectId: id },
        order: { inspectedOn: 'DESC', createdAt: 'DESC' },
      },
      toInspectionResponse,
    );
  }

  async history(actor: Actor, id: string, q: PageParams): Promise<Page<AuditEntryResponse>> {
    await this.facilities.findEntity(actor, id);
    return this.audit.recordHistory({ ...q, entity: 'packing-facility', entityId: id, sort: '-createdAt' });
  }

  addSource(actor: Actor, id: string, growingAreaId: string): Promise<FacilitySourceResponse> {
    return this.dataSource.transaction(async (em) => {
      const facility = await this.facilities.findEntity(actor, id, em);
      if (facility.status === 'revoked')
        throw new ConflictException(`Packing facility ${facility.code} is revoked`);
      const area = await em.findOneBy(GrowingArea, { id: growingAreaId });
      if (!area) throw new UnprocessableEntityException(`Growing-area code ${growingAreaId} does not exist`);
      const [links, markets] = [
        (await this.facilities.linksOf([id], em)).get(id)!,
        (await this.areas.marketsOf([area.id], em)).get(area.id) ?? [],
      ];
      const refusal = sourcingRefusal({ ...facility, ...links }, area, markets);
      if (refusal) throw new UnprocessableEntityException(refusal);
      if (await em.existsBy(PackingFacilitySource, { packingFacilityId: id, growingAreaId })) {
        throw new ConflictException(`${facility.code} already sources from ${area.code}`);
      }
      await em.insert(PackingFacilitySource, {
        packingFacilityId: id,
        growingAreaId,
        atRiskSince: null,
        atRiskReason: null,
      });
      await this.audit.record(em, actor, {
        entity: 'packing-facility',
        entityId: id,
        action: 'add-source',
        changes: {
          growingAreaId: { before: null, after: growingAreaId },
          code: { before: null, after: area.code },
        },
      });
      return (await this.sourcesOf(id, em)).find((s) => s.growingAreaId === growingAreaId)!;
    });
  }

  removeSource(actor: Actor, id: string, growingAreaId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await this.facilities.findEntity(actor, id, em);
      const { affected } = await em.delete(PackingFacilitySource, { packingFacilityId: id, growingAreaId });
      if (!affected)
        throw new UnprocessableEntityException(`The facility does not source from ${growingAreaId}`);
      await this.audit.record(em, actor, {
        entity: 'packing-facility',
        entityId: id,
        action: 'remove-source',
        changes: { growingAreaId: { before: growingAreaId, after: null } },
      });
    });
  }

  async sources(actor: Actor, id: string): Promise<FacilitySourceResponse[]> {
    await this.facilities.findEntity(actor, id);
    return this.sourcesOf(id);
  }

  private async sourcesOf(id: string, em = this.dataSource.manager): Promise<FacilitySourceResponse[]> {
    const rows = await em
      .createQueryBuilder(PackingFacilitySource, 's')
      .innerJoin(GrowingArea, 'g', 'g.id = s.growingAreaId')
      .select([
        's.growingAreaId AS growingAreaId',
        'g.code AS code',
        'g.productCode AS productCode',
        'g.status AS status',
        's.atRiskSince AS atRiskSince',
        's.atRiskReason AS atRiskReason',
        's.createdAt AS createdAt',
      ])
      .where('s.packingFacilityId = :id', { id })
      .orderBy('g.code', 'ASC')
      .getRawMany<Omit<FacilitySourceResponse, 'atRisk'>>();
    return rows.map((r) => ({
      ...r,
      atRisk: r.atRiskSince !== null,
      atRiskSince: r.atRiskSince ? new Date(r.atRiskSince) : null,
      createdAt: new Date(r.createdAt),
    }));
  }
}
