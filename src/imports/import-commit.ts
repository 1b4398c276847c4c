import { ConflictException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { selectRows } from '../database/insert-rows';
import { ImportJob } from './import-job.entity';

export interface CommitResult {
  created: number;
  updated: number;
  unchanged: number;
  joined: number;
  skipped: number;
  [key: string]: number;
}

const CHUNK = 1000;

/** The stored rows of an import in sheet order, a chunk at a time. */
export async function* inSheetOrder<T>(em: EntityManager, importId: string): AsyncGenerator<T[]> {
  for (let after = 0; ;) {
    const rows = await selectRows<{ rowNumber: number; data: string }>(
      em,
      `SELECT rowNumber, data FROM import_rows WHERE importId = ? AND rowNumber > ? ORDER BY rowNumber LIMIT ${CHUNK}`,
      [importId, after],
    );
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].rowNumber);
    yield rows.map((r) => JSON.parse(r.data) as T);
  }
}

/**
 * The frame of every commit, inside the caller's transaction: claim the job (a second commit is a
 * 409), hand the chunks of its stored rows to `write` one at a time (the sequence is only read once
 * the job is claimed), then record the counts on the job and in the audit log.
 */
export async function commitImport<C>(
  em: EntityManager,
  audit: AuditService,
  actor: Actor,
  job: ImportJob,
  chunks: AsyncIterable<C>,
  write: (chunk: C, result: CommitResult) => Promise<void>,
): Promise<CommitResult> {
  const { affected } = await em.update(ImportJob, { id: job.id, status: 'preview' }, { status: 'committed' });
  if (!affected) throw new ConflictException(`Import ${job.id} was already committed`);
  const result: CommitResult = { created: 0, updated: 0, unchanged: 0, joined: 0, skipped: 0 };
  for await (const chunk of chunks) await write(chunk, result);
  await em.update(ImportJob, { id: job.id }, { result, committedAt: new Date() });
  await audit.record(em, actor, {
    entity: 'import',
    entityId: job.id,
    action: 'commit',
    changes: Object.fromEntries(Object.entries(result).map(([k, v]) => [k, { before: null, after: v }])),
  });
  return result;
}
