import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { OutboxService } from '@lienket/outbox';
import { randomUUID } from 'node:crypto';
import { EntityManager, EntityTarget } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { bulkInsert } from '../database/bulk-insert';
import { CertificateColumns } from './certificate-columns';
import { assertTransition, CertificationStatus } from './certification-status';
import { CreateInspectionDto } from './dto/create-inspection.dto';
import { CertificateType, Inspection } from './inspection.entity';
import { CertificateKind, InspectionSchedule, todayInVietnam } from './inspection-schedule';

/** How the lifecycle sees one kind of certificate (growing-area code or packing facility). */
export interface CertificateSubject<E extends CertificateColumns & { id: string }> {
  type: CertificateType;
  entity: EntityTarget<E>;
  label: string;
  /** Event type prefix: `code` or `facility` (SPEC §4). */
  eventPrefix: string;
  kindOf(row: E): CertificateKind;
  /** Called inside the transaction after the status changed (the code → sources/contracts cascade). */
  afterStatusChange?(
    em: EntityManager,
    row: E,
    from: CertificationStatus,
    to: CertificationStatus,
    reason: string,
  ): Promise<void>;
}

const EVENT_NAMES: Partial<Record<CertificationStatus, string>> = {
  suspended: 'suspended',
  revoked: 'revoked',
};

/**
 * Status changes and inspections of certificates, the same for codes and facilities: the one
 * transition table, an audit entry with actor and reason, and the domain event, all in the
 * caller's transaction.
 */
@Injectable()
export class CertificateLifecycle {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly schedule: InspectionSchedule,
  ) {}

  async changeStatus<E extends CertificateColumns & { id: string }>(
    em: EntityManager,
    subject: CertificateSubject<E>,
    row: E,
    actor: Actor,
    change: { to: CertificationStatus; reason: string; inspectionId?: string },
  ): Promise<void> {
    const from = row.status;
    assertTransition(`${subject.label} ${row.code}`, from, change.to);
    // The WHERE on the status read makes two concurrent changes of one certificate a 409, not a lost update.
    const result = await em
      .createQueryBuilder()
      .update(subject.entity)
      .set({ status: change.to, version: row.version + 1 } as never)
      .where('id = :id AND status = :from', { id: row.id, from })
      .execute();
    if (!result.affected)
      throw new ConflictException(`${subject.label} ${row.code} changed meanwhile; reload and retry`);
    row.status = change.to;
    row.version += 1;
    await this.audit.record(em, actor, {
      entity: subject.type,
      entityId: row.id,
      action: 'status',
      reason: change.reason,
      changes: {
        status: { before: from, after: change.to },
        ...(change.inspectionId ? { inspectionId: { before: null, after: change.inspectionId } } : {}),
      },
    });
    const event = EVENT_NAMES[change.to] ?? (from === 'suspended' ? 'reinstated' : 'activated');
    await this.outbox.record(em, {
      type: `${subject.eventPrefix}.${event}`,
      aggregateType: subject.type,
      aggregateId: row.id,
      payload: {
        id: row.id,
        code: row.code,
        communeCode: row.communeCode,
        from,
        to: change.to,
        reason: change.reason,
        ...(change.inspectionId ? { inspectionId: change.inspectionId } : {}),
      },
    });
    await subject.afterStatusChange?.(em, row, from, change.to, change.reason);
  }

  async recordInspection<E extends CertificateColumns & { id: string }>(
    em: EntityManager,
    subject: CertificateSubject<E>,
    row: E,
    actor: Actor,
    dto: CreateInspectionDto,
  ): Promise<Inspection> {
    if (dto.inspectedOn > todayInVietnam()) {
      throw new UnprocessableEntityException(`inspectedOn ${dto.inspectedOn} is in the future`);
    }
    if (dto.suspend && dto.result !== 'fail') {
      throw new UnprocessableEntityException('Only a failed inspection can suspend in the same request');
    }
    if (row.status === 'revoked') {
      throw new ConflictException(`${subject.label} ${row.code} is revoked; it is no longer inspected`);
    }
    const inspection: Inspection = {
      id: randomUUID(),
      subjectType: subject.type,
      subjectId: row.id,
      inspectedOn: dto.inspectedOn,
      inspector: dto.inspector,
      result: dto.result,
      findings: dto.findings ?? null,
      residueTestPassed: dto.residueTestPassed ?? null,
      diaryKept: dto.diaryKept ?? null,
      recordedBy: actor.id,
      createdAt: new Date(),
    };
    await bulkInsert(em, Inspection, [inspection]);
    // An inspection entered late (older than the last one) does not move the schedule back.
    const last =
      row.lastInspectedOn && row.lastInspectedOn > dto.inspectedOn ? row.lastInspectedOn : dto.inspectedOn;
    const next = this.schedule.nextDue(subject.kindOf(row), row.issuedOn, last);
    await em
      .createQueryBuilder()
      .update(subject.entity)
      .set({ lastInspectedOn: last, nextInspectionDue: next, version: row.version + 1 } as never)
      .where('id = :id', { id: row.id })
      .execute();
    Object.assign(row, { lastInspectedOn: last, nextInspectionDue: next, version: row.version + 1 });
    await this.audit.record(em, actor, {
      entity: subject.type,
      entityId: row.id,
      action: 'inspect',
      reason: dto.findings ?? null,
      changes: {
        inspectionId: { before: null, after: inspection.id },
        result: { before: null, after: dto.result },
        nextInspectionDue: { before: null, after: next },
      },
    });
    if (dto.suspend) {
      await this.changeStatus(em, subject, row, actor, {
        to: 'suspended',
        reason: dto.reason ?? dto.findings ?? `Inspection of ${dto.inspectedOn} failed`,
        inspectionId: inspection.id,
      });
    }
    return inspection;
  }
}
