import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { Page, paginate } from '@lienket/http-common';
import { foldVietnamese, normalizeVnMobile, toSearchPrefix } from '@lienket/vn-identity';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffForAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { Commune } from '../communes/commune.entity';
import { assertExists, notFound, updateAtVersion } from '../database/optimistic-update';
import { Cooperative } from './cooperative.entity';
import { CooperativeResponse, toCooperativeResponse } from './dto/cooperative.response';
import { CreateCooperativeDto } from './dto/create-cooperative.dto';
import { ListCooperativesQuery } from './dto/list-cooperatives.query';
import { UpdateCooperativeDto } from './dto/update-cooperative.dto';

@Injectable()
export class CooperativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every read starts here, so another scope's cooperative looks exactly like a missing one. */
  private scoped(actor: Actor, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<Cooperative> {
    return scopes.cooperatives(em.createQueryBuilder(Cooperative, 'c'), actor);
  }

  async findEntity(actor: Actor, id: string, em?: EntityManager): Promise<Cooperative> {
    const cooperative = await this.scoped(actor, em).andWhere('c.id = :id', { id }).getOne();
    if (!cooperative) throw notFound('Cooperative', id);
    return cooperative;
  }

  async findOne(actor: Actor, id: string): Promise<CooperativeResponse> {
    return toCooperativeResponse(await this.findEntity(actor, id));
  }

  list(actor: Actor, q: ListCooperativesQuery): Promise<Page<CooperativeResponse>> {
    const qb = this.scoped(actor);
    if (q.search) qb.andWhere("c.searchKey LIKE :p ESCAPE '!'", { p: toSearchPrefix(q.search) });
    if (q.communeCode) qb.andWhere('c.communeCode = :commune', { commune: q.communeCode });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    return paginate(qb, q, toCooperativeResponse);
  }

  create(actor: Actor, dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    return this.dataSource.transaction(async (em) => {
      await assertExists(em, Commune, { code: dto.communeCode }, `Commune ${dto.communeCode}`);
      if (await em.existsBy(Cooperative, { taxCode: dto.taxCode })) {
        throw new ConflictException(`A cooperative with tax code ${dto.taxCode} is already registered`);
      }
      const row = em.create(Cooperative, {
        name: dto.name,
        searchKey: foldVietnamese(dto.name),
        taxCode: dto.taxCode,
        communeCode: dto.communeCode,
        address: dto.address ?? null,
        directorName: dto.directorName ?? null,
        phone: dto.phone ? normalizeVnMobile(dto.phone) : null,
        foundedOn: dto.foundedOn ?? null,
        status: 'active',
      });
      await em.insert(Cooperative, row);
      const saved = toCooperativeResponse(await em.findOneByOrFail(Cooperative, { id: row.id }));
      await this.audit.record(em, actor, {
        entity: 'cooperative',
        entityId: saved.id,
        action: 'create',
        changes: diffForAudit(null, saved),
      });
      return saved;
    });
  }

  update(actor: Actor, id: string, dto: UpdateCooperativeDto): Promise<CooperativeResponse> {
    const { version, ...fields } = dto;
    if (actor.role === 'cooperative' && (fields.status || fields.taxCode || fields.communeCode)) {
      throw new ForbiddenException(
        'Cooperative staff may not change status, tax code or commune; ask an official',
      );
    }
    return this.dataSource.transaction(async (em) => {
      const before = await this.findEntity(actor, id, em);
      if (fields.communeCode)
        await assertExists(em, Commune, { code: fields.communeCode }, `Commune ${fields.communeCode}`);
      if (
        fields.taxCode &&
        fields.taxCode !== before.taxCode &&
        (await em.existsBy(Cooperative, { taxCode: fields.taxCode }))
      ) {
        throw new ConflictException(`A cooperative with tax code ${fields.taxCode} is already registered`);
      }
      const after = await updateAtVersion(
        em,
        Cooperative,
        before,
        version,
        {
          ...fields,
          ...(fields.name ? { searchKey: foldVietnamese(fields.name) } : {}),
          ...(fields.phone ? { phone: normalizeVnMobile(fields.phone) } : {}),
        },
        'Cooperative',
      );
      await this.audit.record(em, actor, {
        entity: 'cooperative',
        entityId: id,
        action: 'update',
        changes: diffForAudit(toCooperativeResponse(before), toCooperativeResponse(after)),
      });
      return toCooperativeResponse(after);
    });
  }
}
