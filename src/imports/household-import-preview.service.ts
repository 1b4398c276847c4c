import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { Household } from '../households/household.entity';
import { compareHouseholds, DuplicateDetectionService } from '../integrity/duplicate-detection.service';
import { HOUSEHOLD_COLUMNS, normalizeHouseholdRow, validateHouseholdRow } from './household-sheet';
import { ImportDuplicate, ImportJob } from './import-job.entity';
import { loadReferenceLookups } from './reference-lookups';
import { fitList, PREVIEW_LIST_LIMIT, scanSheet } from './sheet-preview';
import { sheetFormat } from './sheet-reader';

export interface UploadedSheet {
  path: string;
  originalname: string;
  mimetype: string;
}

interface Candidate {
  row: number;
  nationalId: string;
  headName: string;
  searchKey: string;
  communeCode: string;
  birthYear: number;
  villageKey: string | null;
}

/**
 * Validates every row of a household sheet with the API's own rules, keeps the valid rows for the
 * commit, and reports errors and probable duplicates (within the file and against the register).
 * Nothing is written to the register here.
 */
@Injectable()
export class HouseholdImportPreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cooperatives: CooperativesService,
    private readonly detection: DuplicateDetectionService,
  ) {}

  async preview(actor: Actor, file: UploadedSheet, cooperativeId: string | null): Promise<ImportJob> {
    const format = sheetFormat(file.originalname, file.mimetype);
    if (cooperativeId) await this.cooperatives.findEntity(actor, cooperativeId);
    const refs = await loadReferenceLookups(this.dataSource);
    const id = randomUUID();
    const candidates: Candidate[] = [];
    const scan = await scanSheet<CreateHouseholdDto>(
      this.dataSource,
      id,
      { path: file.path, format },
      {
        columns: HOUSEHOLD_COLUMNS,
        parse: (row, cells, header) => {
          const { dto, errors } = validateHouseholdRow(row, normalizeHouseholdRow(cells, header, refs), refs);
          return { value: dto, errors };
        },
        key: { field: 'nationalId', of: (dto) => dto.nationalId },
      },
      (row, dto) =>
        candidates.push({
          row,
          nationalId: dto.nationalId,
          headName: dto.headName,
          birthYear: dto.birthYear,
          communeCode: dto.communeCode,
          villageKey: villageKey(dto.village),
          searchKey: householdNameKeys(dto.headName).searchKey,
        }),
    );
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
      duplicates: fitList(await this.probableDuplicates(candidates)),
      result: null,
      committedAt: null,
    });
  }

  /** Within the file (same block), and against registered households for CCCDs not yet registered. */
  private async probableDuplicates(rows: Candidate[]): Promise<ImportDuplicate[]> {
    const found: ImportDuplicate[] = [];
    const blocks = new Map<string, Candidate[]>();
    for (const r of rows) {
      const key = `${r.communeCode}|${r.birthYear}`;
      const block = blocks.get(key);
      if (block) block.push(r);
      else blocks.set(key, [r]);
    }
    for (const block of blocks.values()) {
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length && found.length < PREVIEW_LIST_LIMIT; j++) {
          const match = compareHouseholds({ ...block[i], id: '' }, { ...block[j], id: '' });
          if (match)
            found.push({
              row: block[j].row,
              headName: block[j].headName,
              matchesRow: block[i].row,
              score: match.score,
            });
        }
      }
    }
    for (let i = 0; i < rows.length && found.length < PREVIEW_LIST_LIMIT; i += 500) {
      found.push(...(await this.againstRegister(rows.slice(i, i + 500))));
    }
    return found.slice(0, PREVIEW_LIST_LIMIT);
  }

  private async againstRegister(rows: Candidate[]): Promise<ImportDuplicate[]> {
    const registered = await this.dataSource.getRepository(Household).find({
      where: { nationalId: In(rows.map((r) => r.nationalId)) },
      select: { nationalId: true },
    });
    const known = new Set(registered.map((h) => h.nationalId));
    const fresh = rows.filter((r) => !known.has(r.nationalId)).map((r) => ({ ...r, id: '' }));
    if (!fresh.length) return [];
    const others = await this.detection.candidatesFor(this.dataSource.manager, fresh);
    const found: ImportDuplicate[] = [];
    for (const r of fresh) {
      for (const h of others) {
        const match = compareHouseholds(r, h);
        if (match)
          found.push({ row: r.row, headName: r.headName, matchesHouseholdId: h.id, score: match.score });
      }
    }
    return found;
  }
}
