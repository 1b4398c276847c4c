import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Page, paginate, ValidationFailedException } from '@lienket/http-common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import type { CertificateKind } from '../certification/inspection-schedule';
import { applyCertificateFilters } from '../certification/certificate-list';
import { InspectionSchedule, todayInVietnam } from '../certification/inspection-schedule';
import { Commune } from '../communes/commune.entity';
import type { Env } from '../config/env';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { bulkInsert } from '../database/bulk-insert';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Product } from '../products/product.entity';
import { CreatePackingFacilityDto } from './dto/create-packing-facility.dto';
import { ListPackingFacilitiesQuery } from './dto/list-packing-facilities.query';
import {
  FacilityLinks,
  PackingFacilityResponse,
  toPackingFacilityResponse,
} from './dto/packing-facility.response';
import { UpdatePackingFacilityDto } from './dto/update-packing-facility.dto';
import {
  PackingFacilityMarket,
  PackingFacilityProduct,
  PackingFacilitySource,
} from './packing-facility-links.entity';
import { PackingFacility } from './packing-facility.entity';

/** Serving any market outside Việt Nam makes a facility an export one. */
export const facilityKind = (markets: string[]): CertificateKind =>
  markets.some((m) => m !== 'VN') ? 'export' : 'domestic';

@Injectable()
export class PackingFacilitiesService {
  private readonly codePattern: RegExp;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly schedule: InspectionSchedule,
    config: ConfigService<Env, true>,
  ) {
    this.codePattern = new RegExp(config.get('CERTIFICATE_CODE_PATTERN', { infer: true }));
  }

  scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<PackingFacility> {
    return scopes.packingFacilities(em.createQueryBuilder(PackingFacility, 'f'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<PackingFacility> {
    const row = await this.scoped(actor, em).andWhere('f.id = :id', { id }).getOne();
    if (!row) throw notFound('Packing facility', id);
    return row;
  }

  async findOne(actor: Actor, id: string): Promise<PackingFacilityResponse> {
    return this.respond(await this.findEntity(actor, id));
  }

  async respond(row: PackingFacility, em?: EntityManager): Promise<PackingFacilityResponse> {
    const links = await this.linksOf([row.id], em);
    return toPackingFacilityResponse(
      row,
      links.get(row.id)!,
      this.schedule.flags(row.status, row.nextInspectionDue),
    );
  }

  async list(actor: Actor, q: ListPackingFacilitiesQuery): Promise<Page<PackingFacilityResponse>> {
    const qb = this.scoped(actor);
    const today = todayInVietnam();
    applyCertificateFilters(qb, q, { table: 'packing_facility_markets', column: 'packingFacilityId' }, today);
    if (q.productCode) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM packing_facility_products fp WHERE fp.productCode = :productCode AND fp.packingFacilityId = f.id)',
        { productCode: q.productCode },
      );
    }
    if (q.atRisk !== undefined) {
      qb.andWhere(
        `${q.atRisk ? '' : 'NOT '}EXISTS (SELECT 1 FROM packing_facility_sources fs WHERE fs.packingFacilityId = f.id AND fs.atRiskSince IS NOT NULL)`,
      );
    }
    const page = await paginate(qb, q, (f) => f, '-createdAt');
    const links = await this.linksOf(page.items.map((f) => f.id));
    return {
      ...page,
      items: page.items.map((f) =>
        toPackingFacilityResponse(
          f,
          links.get(f.id)!,
          this.schedule.flags(f.status, f.nextInspectionDue, today),
        ),
      ),
    };
  }

  async create(actor: Actor, dto: CreatePackingFacilityDto): Promise<PackingFacilityResponse> {
    const errors = [];
    if (!this.codePattern.test(dto.code))
      errors.push({ field: 'code', message: `code must match ${this.codePattern.source}` });
    if (Boolean(dto.operatorCooperativeId) === Boolean(dto.operatorEnterpriseId)) {
      errors.push({
        field: 'operatorCooperativeId',
        message: 'give exactly one of operatorCooperativeId and operatorEnterpriseId',
      });
    }
    if (errors.length) throw new ValidationFailedException(errors);
    const kind = facilityKind(dto.markets);
    return this.dataSource.transaction(async (em) => {
      await this.assertReferences(em, dto);
      const row = em.create(PackingFacility, {
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        kind,
        communeCode: dto.communeCode,
        operatorCooperativeId: dto.operatorCooperativeId ?? null,
        operatorEnterpriseId: dto.operatorEnterpriseId ?? null,
        capacityTonnesPerDay: dto.capacityTonnesPerDay,
        issuedOn: dto.issuedOn,
        status: 'pending',
        lastInspectedOn: null,
        nextInspectionDue: this.schedule.nextDue(kind, dto.issuedOn, null),
      });
      await em.insert(PackingFacility, row);
      await this.replaceLinks(em, row.id, dto);
      const created = await em.findOneByOrFail(PackingFacility, { id: row.id });
      await this.audit.record(em, actor, {
        entity: 'packing-facility',
        entityId: row.id,
        action: 'create',
        changes: diffForAudit(null, { ...created, productCodes: dto.productCodes, markets: dto.markets }),
      });
      return this.respond(created, em);
    });
  }

  async update(actor: Actor, id: string, dto: UpdatePackingFacilityDto): Promise<PackingFacilityResponse> {
    const { version, productCodes, markets, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      await this.assertReferences(em, { ...fields, productCodes });
      const kind = markets ? facilityKind(markets) : before.kind;
      const after = await updateAtVersion(
        em,
        PackingFacility,
        before,
        version,
        {
          ...fields,
          kind,
          // A new kind changes the interval: the next due date follows.
          nextInspectionDue: this.schedule.nextDue(
            kind,
            fields.issuedOn ?? before.issuedOn,
            before.lastInspectedOn,
          ),
        },
        'Packing facility',
      );
      await this.replaceLinks(em, id, { productCodes, markets });
      await this.audit.record(em, actor, {
        entity: 'packing-facility',
        entityId: id,
        action: 'update',
        changes: diffForAudit(before, {
          ...after,
          ...(productCodes ? { productCodes } : {}),
          ...(markets ? { markets } : {}),
        }),
      });
      return this.respond(after, em);
    });
  }

  /** Products, markets and the at-risk flag of several facilities, in three queries. */
  async linksOf(
    ids: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, FacilityLinks>> {
    const links = new Map<string, FacilityLinks>(
      ids.map((id) => [id, { productCodes: [], markets: [], atRisk: false }]),
    );
    if (!ids.length) return links;
    const [products, markets, atRisk] = await Promise.all([
      em.find(PackingFacilityProduct, {
        where: { packingFacilityId: In(ids) },
        order: { productCode: 'ASC' },
      }),
      em.find(PackingFacilityMarket, { where: { packingFacilityId: In(ids) }, order: { market: 'ASC' } }),
      em.find(PackingFacilitySource, {
        where: { packingFacilityId: In(ids), atRiskSince: Not(IsNull()) },
        select: { packingFacilityId: true },
      }),
    ]);
    for (const p of products) links.get(p.packingFacilityId)!.productCodes.push(p.productCode);
    for (const m of markets) links.get(m.packingFacilityId)!.markets.push(m.market);
    for (const s of atRisk) links.get(s.packingFacilityId)!.atRisk = true;
    return links;
  }

  private async replaceLinks(
    em: EntityManager,
    packingFacilityId: string,
    links: { productCodes?: string[]; markets?: string[] },
  ): Promise<void> {
    if (links.productCodes) {
      await em.delete(PackingFacilityProduct, { packingFacilityId });
      await bulkInsert(
        em,
        PackingFacilityProduct,
        links.productCodes.map((productCode) => ({ packingFacilityId, productCode })),
      );
    }
    if (links.markets) {
      await em.delete(PackingFacilityMarket, { packingFacilityId });
      await bulkInsert(
        em,
        PackingFacilityMarket,
        links.markets.map((market) => ({ packingFacilityId, market })),
      );
    }
  }

  private async assertReferences(
    em: EntityManager,
    dto: {
      communeCode?: string;
      operatorCooperativeId?: string;
      operatorEnterpriseId?: string;
      productCodes?: string[];
    },
  ): Promise<void> {
    if (dto.communeCode)
      await assertExists(em, Commune, { code: dto.communeCode }, `Commune ${dto.communeCode}`);
    if (dto.operatorCooperativeId)
      await assertExists(
        em,
        Cooperative,
        { id: dto.operatorCooperativeId },
        `Cooperative ${dto.operatorCooperativeId}`,
      );
    if (dto.operatorEnterpriseId)
      await assertExists(
        em,
        Enterprise,
        { id: dto.operatorEnterpriseId },
        `Enterprise ${dto.operatorEnterpriseId}`,
      );
    if (dto.productCodes?.length) {
      const known = await em.find(Product, { where: { code: In(dto.productCodes) }, select: { code: true } });
      const missing = dto.productCodes.filter((c) => !known.some((p) => p.code === c));
      if (missing.length)
        throw new UnprocessableEntityException(`Product ${missing.join(', ')} does not exist`);
    }
  }
}
