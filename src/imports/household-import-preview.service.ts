import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { Household } from '../households/household.entity';
import { DuplicateDetectionService, probableMatches } from '../integrity/duplicate-detection.service';
import { HOUSEHOLD_COLUMNS, normalizeHouseholdRow, validateHouseholdRow } from './household-sheet';
import { ImportDuplicate, ImportJob } from './import-job.entity';
import { loadReferenceLookups } from './reference-lookups';
import { fitList, PREVIEW_LIST_LIMIT, readMatchBlocks, scanSheet, ValidRow } from './sheet-preview';
import { sheetFormat, sheetLimits } from './sheet-reader';

export interface UploadedSheet {
  path: string;
  originalname: string;
  mimetype: string;
}

/** What the probable-duplicate check compares; rows of the file have no id yet. */
const candidateOf = ({ row, value }: ValidRow<CreateHouseholdDto>) => ({
  id: '',
  row,
  nationalId: value.nationalId,
  headName: value.headName,
  searchKey: householdNameKeys(value.headName).searchKey,
  communeCode: value.communeCode,
  birthYear: value.birthYear,
  villageKey: villageKey(value.village),
});

/**
 * Validates every row of a household sheet with the API's own rules, keeps the valid rows for the
 * commit, and reports errors and probable duplicates (against the register batch by batch, then
 * within the file block by block). Nothing is written to the register here.
 */
@Injectable()
export class HouseholdImportPreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cooperatives: CooperativesService,
    private readonly detection: DuplicateDetectionService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async preview(actor: Actor, file: UploadedSheet, cooperativeId: string | null): Promise<ImportJob> {
    const format = sheetFormat(file.originalname, file.mimetype);
    if (cooperativeId) await this.cooperatives.findEntity(actor, cooperativeId);
    const refs = await loadReferenceLookups(this.dataSource);
    const id = randomUUID();
    const duplicates: ImportDuplicate[] = [];
    const scan = await scanSheet<CreateHouseholdDto>(
      this.dataSource,
      id,
      { path: file.path, format, limits: sheetLimits(this.config) },
      {
        columns: HOUSEHOLD_COLUMNS,
        parse: (row, cells, header) => {
          const { dto, errors } = validateHouseholdRow(row, normalizeHouseholdRow(cells, header, refs), refs);
          return { value: dto, errors };
        },
        key: { field: 'nationalId', of: (dto) => dto.nationalId },
        matchKey: (dto) => `${dto.communeCode}|${dto.birthYear}`,
      },
      async (batch) => {
        if (duplicates.length < PREVIEW_LIST_LIMIT) duplicates.push(...(await this.againstRegister(batch)));
      },
    );
    if (duplicates.length < PREVIEW_LIST_LIMIT) duplicates.push(...(await this.withinFile(id)));
    return this.dataSource.getRepository(ImportJob).save({
      id,
      kind: 'households',
      status: 'preview',
      createdBy: actor.id,
      cooperativeId,
      fileName: file.originalname.slice(0, 255),
      totalRows: scan.total,
      validRows: scan.valid,
      invalidRows: scan.invalid,
      errors: fitList(scan.errors),
      duplicates: fitList(duplicates.slice(0, PREVIEW_LIST_LIMIT)),
      result: null,
      committedAt: null,
    });
  }

  /** Later rows that look like an earlier row of the same file. */
  private async withinFile(importId: string): Promise<ImportDuplicate[]> {
    const found: ImportDuplicate[] = [];
    for await (const block of readMatchBlocks<CreateHouseholdDto>(this.dataSource, importId)) {
      const rows = block.map(candidateOf);
      for (let i = 1; i < rows.length && found.length < PREVIEW_LIST_LIMIT; i++) {
        for (const { other, score } of probableMatches([rows[i]], rows.slice(0, i))) {
          found.push({ row: rows[i].row, headName: rows[i].headName, matchesRow: other.row, score });
        }
      }
      if (found.length >= PREVIEW_LIST_LIMIT) break;
    }
    return found;
  }

  /** Rows whose CCCD is not registered yet but which look like a registered household. */
  private async againstRegister(batch: ValidRow<CreateHouseholdDto>[]): Promise<ImportDuplicate[]> {
    const rows = batch.map(candidateOf);
    const registered = await this.dataSource.getRepository(Household).find({
      where: { nationalId: In(rows.map((r) => r.nationalId)) },
      select: { nationalId: true },
    });
    const known = new Set(registered.map((h) => h.nationalId));
    const fresh = rows.filter((r) => !known.has(r.nationalId));
    if (!fresh.length) return [];
    const others = await this.detection.candidatesFor(this.dataSource.manager, fresh);
    return [...probableMatches(fresh, others)].map(({ target, other, score }) => ({
      row: target.row,
      headName: target.headName,
      matchesHouseholdId: other.id,
      score,
    }));
  }
}
