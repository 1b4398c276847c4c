import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, paginate } from '@lienket/http-common';
import { bulkInsert } from '../database/bulk-insert';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../auth/actor';
import { scopes } from '../auth/scopes';
import { AuditChanges, AuditEntity, AuditLog, AuditValue } from './audit-log.entity';
import { AuditEntryResponse, toAuditEntryResponse } from './dto/audit-entry.response';
import { ListAuditQuery } from './dto/list-audit.query';

export interface AuditRecord {
  entity: AuditEntity;
  entityId: string;
  action: string;
  changes?: AuditChanges | null;
  reason?: string | null;
}

/** Fields that never go into the audit log, whatever entity they belong to. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'searchKey', 'version', 'createdAt', 'updatedAt']);

/** Before/after of the fields that changed; `before` null for a creation. */
export function diffForAudit(before: object | null, after: object): AuditChanges | null {
  const changes: AuditChanges = {};
  const b = (before ?? {}) as Record<string, AuditValue | undefined>;
  for (const [field, value] of Object.entries(after) as Array<[string, AuditValue | object | undefined]>) {
    if (SECRET_FIELDS.has(field) || !isAuditValue(value)) continue;
    const old = before ? (b[field] ?? null) : null;
    if (JSON.stringify(old) !== JSON.stringify(value ?? null))
      changes[field] = { before: old, after: value ?? null };
  }
  return Object.keys(changes).length ? changes : null;
}

/** Plain values only: nested objects (relations) are audited on their own records. */
function isAuditValue(value: unknown): value is AuditValue | undefined {
  return (
    value === null ||
    value === undefined ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    value instanceof Date
  );
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly entries: Repository<AuditLog>) {}

  /** Takes the caller's transaction manager, so the entry commits or rolls back with the change. */
  async record(
    em: EntityManager,
    actor: Pick<Actor, 'id' | 'username'> | null,
    record: AuditRecord,
  ): Promise<void> {
    await bulkInsert(em, AuditLog, [
      {
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? null,
        entity: record.entity,
        entityId: record.entityId,
        action: record.action,
        changes: record.changes ?? null,
        reason: record.reason ?? null,
      },
    ]);
  }

  /** GET /audit: the entries the caller's scope covers. */
  list(actor: Actor, q: ListAuditQuery): Promise<Page<AuditEntryResponse>> {
    return this.page(scopes.auditEntries(this.entries.createQueryBuilder('a'), actor), q);
  }

  /** The history of one record the caller was already shown (its service checked the scope). */
  recordHistory(q: ListAuditQuery): Promise<Page<AuditEntryResponse>> {
    return this.page(this.entries.createQueryBuilder('a'), q);
  }

  private page(qb: SelectQueryBuilder<AuditLog>, q: ListAuditQuery): Promise<Page<AuditEntryResponse>> {
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.actor) qb.andWhere('a.actorId = :actor', { actor: q.actor });
    return paginate(qb, q, toAuditEntryResponse);
  }
}
