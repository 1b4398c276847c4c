import { ConflictException, Injectable } from '@nestjs/common';
import { Page, paginate } from '@lienket/http-common';
import { foldVietnamese, normalizeVnMobile, toSearchPrefix } from '@lienket/vn-identity';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Commune } from '../communes/commune.entity';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { CreateEnterpriseDto } from './dto/create-enterprise.dto';
import { EnterpriseResponse, toEnterpriseResponse } from './dto/enterprise.response';
import { ListEnterprisesQuery } from './dto/list-enterprises.query';
import { UpdateEnterpriseDto } from './dto/update-enterprise.dto';
import { Enterprise } from './enterprise.entity';

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<Enterprise> {
    return scopes.enterprises(em.createQueryBuilder(Enterprise, 'e'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<Enterprise> {
    const enterprise = await this.scoped(actor, em).andWhere('e.id = :id', { id }).getOne();
    if (!enterprise) throw notFound('Enterprise', id);
    return enterprise;
  }

  async findOne(actor: Actor, id: string): Promise<EnterpriseResponse> {
    return toEnterpriseResponse(await this.findEntity(actor, id));
  }

  list(actor: Actor, q: ListEnterprisesQuery): Promise<Page<EnterpriseResponse>> {
    const qb = this.scoped(actor);
    if (q.search) qb.andWhere("e.searchKey LIKE :p ESCAPE '!'", { p: toSearchPrefix(q.search) });
    if (q.kind) qb.andWhere('e.kind = :kind', { kind: q.kind });
    return paginate(qb, q, toEnterpriseResponse);
  }

  create(actor: Actor, dto: CreateEnterpriseDto): Promise<EnterpriseResponse> {
    return this.dataSource.transaction(async (em) => {
      if (dto.communeCode)
        await assertExists(em, Commune, { code: dto.communeCode }, `Commune ${dto.communeCode}`);
      if (await em.existsBy(Enterprise, { taxCode: dto.taxCode })) {
        throw new ConflictException(`An enterprise with tax code ${dto.taxCode} is already registered`);
      }
      const row = em.create(Enterprise, {
        name: dto.name,
        searchKey: foldVietnamese(dto.name),
        taxCode: dto.taxCode,
        kind: dto.kind,
        address: dto.address ?? null,
        communeCode: dto.communeCode ?? null,
        contactName: dto.contactName ?? null,
        phone: dto.phone ? normalizeVnMobile(dto.phone) : null,
        email: dto.email ?? null,
        markets: dto.markets,
      });
      await em.insert(Enterprise, row);
      const saved = toEnterpriseResponse(await em.findOneByOrFail(Enterprise, { id: row.id }));
      await this.audit.record(em, actor, {
        entity: 'enterprise',
        entityId: saved.id,
        action: 'create',
        changes: diffForAudit(null, saved),
      });
      return saved;
    });
  }

  /** Officials edit any enterprise; enterprise staff only their own (another one answers 404). */
  update(actor: Actor, id: string, dto: UpdateEnterpriseDto): Promise<EnterpriseResponse> {
    const { version, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      if (actor.role === 'enterprise' && actor.enterpriseId !== before.id) throw notFound('Enterprise', id);
      if (fields.communeCode)
        await assertExists(em, Commune, { code: fields.communeCode }, `Commune ${fields.communeCode}`);
      if (
        fields.taxCode &&
        fields.taxCode !== before.taxCode &&
        (await em.existsBy(Enterprise, { taxCode: fields.taxCode }))
      ) {
        throw new ConflictException(`An enterprise with tax code ${fields.taxCode} is already registered`);
      }
      const after = await updateAtVersion(
        em,
        Enterprise,
        before,
        version,
        {
          ...fields,
          ...(fields.name ? { searchKey: foldVietnamese(fields.name) } : {}),
          ...(fields.phone ? { phone: normalizeVnMobile(fields.phone) } : {}),
        },
        'Enterprise',
      );
      await this.audit.record(em, actor, {
        entity: 'enterprise',
        entityId: id,
        action: 'update',
        changes: diffForAudit(toEnterpriseResponse(before), toEnterpriseResponse(after)),
      });
      return toEnterpriseResponse(after);
    });
  }
}
