import { ConflictException } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ImportJob } from './import-job.entity';
import { ImportRow } from './import-row.entity';

export interface CommitResult {
  created: number;
  updated: number;
  unchanged: number;
  joined: number;
  skipped: number;
  [key: string]: number;
}

const CHUNK = 1000;

/**
 * The frame of every commit, inside the caller's transaction: claim the job (a second commit is a
 * 409), hand its stored rows to `write` a chunk at a time in sheet order, then record the counts
 * on the job and in the audit log.
 */
export async function commitImport<T>(
  em: EntityManager,
  audit: AuditService,
  actor: Actor,
  job: ImportJob,
  write: (rows: T[], result: CommitResult) => Promise<void>,
): Promise<CommitResult> {
  const { affected } = await em.update(ImportJob, { id: job.id, status: 'preview' }, { status: 'committed' });
  if (!affected) throw new ConflictException(`Import ${job.id} was already committed`);
  const result: CommitResult = { created: 0, updated: 0, unchanged: 0, joined: 0, skipped: 0 };
  for (let after = 0; ;) {
    const rows = await em.find(ImportRow, {
      where: { importId: job.id, rowNumber: MoreThan(after) },
      order: { rowNumber: 'ASC' },
      take: CHUNK,
    });
    if (!rows.length) break;
    after = rows[rows.length - 1].rowNumber;
    await write(
      rows.map((r) => JSON.parse(r.data) as T),
      result,
    );
  }
  await em.update(ImportJob, { id: job.id }, { result, committedAt: new Date() });
  await audit.record(em, actor, {
    entity: 'import',
    entityId: job.id,
    action: 'commit',
    changes: Object.fromEntries(Object.entries(result).map(([k, v]) => [k, { before: null, after: v }])),
  });
  return result;
}
