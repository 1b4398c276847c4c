import type { Actor } from '../auth/actor';
import { notFound } from '../database/optimistic-update';
import type { ImportJob } from './import-job.entity';

/** An import is private to whoever uploaded it (and admins); anyone else gets 404. */
export function ownImport(job: ImportJob | null, actor: Actor, id: string): ImportJob {
  if (!job || (job.createdBy !== actor.id && actor.role !== 'admin')) throw notFound('Import', id);
  return job;
}
