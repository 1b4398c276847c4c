import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { foldVietnamese, normalizeVnMobile } from '@lienket/vn-identity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import type { Env } from '../config/env';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { bulkInsert } from '../database/bulk-insert';
import { CreateCooperativeDto } from '../cooperatives/dto/create-cooperative.dto';
import { COOPERATIVE_COLUMNS, parseCooperativeRow } from './cooperative-sheet';
import { commitImport, CommitResult, inSheetOrder } from './import-commit';
import type { UploadedSheet } from './household-import-preview.service';
import { ImportJob } from './import-job.entity';
import { loadReferenceLookups } from './reference-lookups';
import { fitList, scanSheet } from './sheet-preview';
import { sheetFormat, sheetLimits } from './sheet-reader';

const COMPARED = ['name', 'communeCode', 'address', 'directorName', 'phone', 'foundedOn'] as const;

/** Cooperatives from a sheet, keyed by tax code: new ones created, known ones updated where changed. */
@Injectable()
export class CooperativeImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async preview(actor: Actor, file: UploadedSheet): Promise<ImportJob> {
    const format = sheetFormat(file.originalname, file.mimetype);
    const refs = await loadReferenceLookups(this.dataSource);
    const id = randomUUID();
    const scan = await scanSheet<CreateCooperativeDto>(
      this.dataSource,
      id,
      { path: file.path, format, limits: sheetLimits(this.config) },
      {
        columns: COOPERATIVE_COLUMNS,
        parse: (row, cells, header) => parseCooperativeRow(row, cells, header, refs),
        key: { field: 'taxCode', of: (dto) => dto.taxCode },
      },
    );
    return this.dataSource.getRepository(ImportJob).save({
      id,
      kind: 'cooperatives',
      status: 'preview',
      createdBy: actor.id,
      cooperativeId: null,
      fileName: file.originalname.slice(0, 255),
      totalRows: scan.total,
      validRows: scan.valid,
      invalidRows: scan.invalid,
      errors: fitList(scan.errors),
      duplicates: [],
      result: null,
      committedAt: null,
    });
  }

  commit(actor: Actor, job: ImportJob): Promise<CommitResult> {
    return this.dataSource.transaction((em) =>
      commitImport(
        em,
        this.audit,
        actor,
        job,
        inSheetOrder<CreateCooperativeDto>(em, job.id),
        (dtos, result) => this.writeChunk(em, actor, dtos, result),
      ),
    );
  }

  private async writeChunk(
    em: EntityManager,
    actor: Actor,
    dtos: CreateCooperativeDto[],
    result: CommitResult,
  ) {
    const existing = await em.find(Cooperative, { where: { taxCode: In(dtos.map((d) => d.taxCode)) } });
    const visible = existing.length
      ? new Set(
          (
            await scopes
              .cooperatives(em.createQueryBuilder(Cooperative, 'c').select('c.id'), actor)
              .andWhere('c.id IN (:...ids)', { ids: existing.map((c) => c.id) })
              .getMany()
          ).map((c) => c.id),
        )
      : new Set<string>();
    const byTaxCode = new Map(existing.map((c) => [c.taxCode, c]));
    const inserts = [];
    for (const dto of dtos) {
      const columns = {
        name: dto.name,
        searchKey: foldVietnamese(dto.name),
        communeCode: dto.communeCode,
        address: dto.address ?? null,
        directorName: dto.directorName ?? null,
        phone: dto.phone ? normalizeVnMobile(dto.phone) : null,
        foundedOn: dto.foundedOn ?? null,
      };
      const current = byTaxCode.get(dto.taxCode);
      if (!current) {
        if (actor.communeCode && actor.communeCode !== dto.communeCode) {
          result.skipped++; // a commune-bound official registers in their commune only
          continue;
        }
        inserts.push({
          id: randomUUID(),
          taxCode: dto.taxCode,
          status: 'active' as const,
          version: 1,
          ...columns,
        });
      } else if (!visible.has(current.id)) {
        result.skipped++;
      } else if (COMPARED.every((k) => (current[k] ?? null) === (columns[k] ?? null))) {
        result.unchanged++;
      } else {
        await em.update(Cooperative, { id: current.id }, { ...columns, version: current.version + 1 });
        result.updated++;
      }
    }
    await bulkInsert(em, Cooperative, inserts);
    result.created += inserts.length;
  }
}
