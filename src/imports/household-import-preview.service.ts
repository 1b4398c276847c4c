import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { Household } from '../households/household.entity';
import { compareHouseholds, DuplicateDetectionService } from '../integrity/duplicate-detection.service';
import {
  indexHeader,
  normalizeHouseholdRow,
  toRowError,
  validateHouseholdRow,
  ColumnIndex,
} from './household-sheet';
import { ImportDuplicate, ImportJob, ImportRowError } from './import-job.entity';
import { ImportRow } from './import-row.entity';
import { loadReferenceLookups } from './reference-lookups';
import { readSheet, sheetFormat } from './sheet-reader';

/** Errors and duplicates beyond this many are counted, not listed. */
export const PREVIEW_LIST_LIMIT = 1000;
const ROW_BATCH = 1000;

export interface UploadedSheet {
  path: string;
  originalname: string;
  mimetype: string;
}

interface Candidate {
  row: number;
  id: string;
  headName: string;
  searchKey: string;
  communeCode: string;
  birthYear: number;
  villageKey: string | null;
}

/**
 * Reads the sheet as a stream, validates every row with the API's own rules, stores the valid
 * rows for the commit, and reports errors and probable duplicates (within the file and against
 * the register). Nothing is written to the register here.
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
    const job = this.dataSource.getRepository(ImportJob).create({
      kind: 'households',
      status: 'preview',
      createdBy: actor.id,
      cooperativeId,
      fileName: file.originalname.slice(0, 255),
      result: null,
      committedAt: null,
    });
    job.id = randomUUID();
    const errors: ImportRowError[] = [];
    let invalid = 0;
    let total = 0;
    const seen = new Map<string, number>();
    const candidates: Candidate[] = [];
    let buffer: ImportRow[] = [];
    let header: ColumnIndex | null = null;
    const addError = (e: ImportRowError) => errors.length < PREVIEW_LIST_LIMIT && errors.push(e);

    for await (const { row, cells } of readSheet(file.path, format)) {
      if (!header) {
        header = indexHeader(cells);
        continue;
      }
      total++;
      const value = normalizeHouseholdRow(cells, header, refs);
      const { dto, errors: rowErrors } = validateHouseholdRow(row, value, refs);
      const firstRow = dto ? seen.get(dto.nationalId) : undefined;
      if (!dto || firstRow) {
        invalid++;
        rowErrors.forEach(addError);
        if (firstRow)
          addError(toRowError(row, 'nationalId', `nationalId repeats row ${firstRow} of this file`));
        continue;
      }
      seen.set(dto.nationalId, row);
      candidates.push({
        row,
        id: dto.nationalId,
        headName: dto.headName,
        birthYear: dto.birthYear,
        communeCode: dto.communeCode,
        villageKey: villageKey(dto.village),
        ...householdNameKeys(dto.headName),
      });
      buffer.push({ importId: job.id, rowNumber: row, data: JSON.stringify(dto) });
      if (buffer.length >= ROW_BATCH) buffer = await this.flush(buffer);
    }
    if (!header) throw indexHeader([]); // an empty file has no header row: answer as a malformed sheet
    await this.flush(buffer);
    Object.assign(job, {
      totalRows: total,
      validRows: candidates.length,
      invalidRows: invalid,
      errors,
      duplicates: await this.probableDuplicates(candidates),
    });
    return this.dataSource.getRepository(ImportJob).save(job);
  }

  private async flush(rows: ImportRow[]): Promise<ImportRow[]> {
    if (rows.length) await this.dataSource.getRepository(ImportRow).insert(rows);
    return [];
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
          const match = compareHouseholds(block[i], block[j]);
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
      where: { nationalId: In(rows.map((r) => r.id)) },
      select: { nationalId: true },
    });
    const known = new Set(registered.map((h) => h.nationalId));
    const fresh = rows.filter((r) => !known.has(r.id));
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
