import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { Env } from '../config/env';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { CreateHouseholdDto } from '../households/dto/create-household.dto';
import { householdNameKeys, villageKey } from '../households/household-keys';
import { placeholders, selectRows } from '../database/insert-rows';
import { DuplicateDetectionService, probableMatches } from '../integrity/duplicate-detection.service';
import { HOUSEHOLD_COLUMNS, normalizeHouseholdRow, validateHouseholdRow } from './household-sheet';
import { ImportDuplicate, ImportJob } from './import-job.entity';
import { oneAhead } from './one-ahead';
import { loadReferenceLookups } from './reference-lookups';
import { fitList, PREVIEW_LIST_LIMIT, readMatchChunks, scanSheet, ValidRow } from './sheet-preview';
import { sheetFormat, sheetLimits } from './sheet-reader';

/** Values per IN list: far below SQLite's 32,766 bound parameters. */
const IN_LIST = 5000;

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
type RowCandidate = ReturnType<typeof candidateOf>;

/** Rows read back per round trip for the duplicate checks, and match blocks looked up in the register. */
const CHECK_CHUNK = 5000;
const CHECK_BLOCKS = 100;
/** Within the file, a match block is compared in its first this many rows (memory stays flat). */
const BLOCK_ROWS = 5000;

/**
 * Validates every row of a household sheet with the API's own rules, keeps the valid rows for the
 * commit, and reports errors and probable duplicates. The sheet is read once, in its order; the
 * duplicate checks then read the stored rows back in match-block order (commune and birth year),
 * so that each block of the register is read once, and rows of the file are compared within their
 * block. Nothing is written to the register here.
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
    );
    const { againstRegister, withinFile } = await this.duplicates(id);
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
      // Those that look like registered households first (in sheet order), then pairs within the file.
      duplicates: fitList([...againstRegister, ...withinFile].slice(0, PREVIEW_LIST_LIMIT)),
      result: null,
      committedAt: null,
    });
  }

  /**
   * Rows whose CCCD is not registered yet but which look like a registered household (the first
   * PREVIEW_LIST_LIMIT in sheet order), and later rows that look like an earlier row of the file
   * (the first PREVIEW_LIST_LIMIT in block order).
   */
  private async duplicates(
    importId: string,
  ): Promise<{ againstRegister: ImportDuplicate[]; withinFile: ImportDuplicate[] }> {
    const em = this.dataSource.manager;
    let againstRegister: ImportDuplicate[] = [];
    const withinFile: ImportDuplicate[] = [];
    let block: { key: string; rows: RowCandidate[] } = { key: '', rows: [] };
    // Sorted by row (stable: a row's matches keep their order), cut to the limit now and then.
    const keepFirstRows = () => {
      againstRegister.sort((a, b) => a.row - b.row);
      againstRegister = againstRegister.slice(0, PREVIEW_LIST_LIMIT);
    };
    const checked = oneAhead(
      readMatchChunks<CreateHouseholdDto>(em, importId, CHECK_CHUNK, CHECK_BLOCKS),
      async (chunk) => {
        const rows = chunk.map(candidateOf);
        return { chunk, rows, matches: await this.againstRegister(em, rows) };
      },
    );
    for await (const { chunk, rows, matches } of checked) {
      for (const match of matches) againstRegister.push(match);
      if (againstRegister.length > 2 * PREVIEW_LIST_LIMIT) keepFirstRows();
      chunk.forEach(({ matchKey }, i) => {
        if (matchKey !== block.key) block = { key: matchKey, rows: [] };
        if (block.rows.length >= BLOCK_ROWS) return;
        if (withinFile.length < PREVIEW_LIST_LIMIT) {
          for (const { other, score } of probableMatches([rows[i]], block.rows)) {
            withinFile.push({ row: rows[i].row, headName: rows[i].headName, matchesRow: other.row, score });
          }
        }
        block.rows.push(rows[i]);
      });
    }
    keepFirstRows();
    return { againstRegister, withinFile };
  }

  /** Rows of a chunk (whole match blocks) whose CCCD is new but which look like a registered household. */
  private async againstRegister(em: EntityManager, rows: RowCandidate[]): Promise<ImportDuplicate[]> {
    const ids = [...new Set(rows.map((r) => r.nationalId))];
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += IN_LIST) {
      const part = ids.slice(i, i + IN_LIST);
      const found = await selectRows<{ nationalId: string }>(
        em,
        `SELECT nationalId FROM households WHERE nationalId IN (${placeholders(part.length)})`,
        part,
      );
      for (const h of found) known.add(h.nationalId);
    }
    const fresh = rows.filter((r) => !known.has(r.nationalId));
    if (!fresh.length) return [];
    const others = await this.detection.candidatesInBlocks(em, fresh);
    return Array.from(probableMatches(fresh, others), ({ target, other, score }) => ({
      row: target.row,
      headName: target.headName,
      matchesHouseholdId: other.id,
      score,
    }));
  }
}
