import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CertificateSubject } from '../certification/certificate-lifecycle.service';
import type { CertificationStatus } from '../certification/certification-status';
import { CodeStatusHooks } from '../certification/code-status-hooks';
import { InspectionScans } from '../certification/inspection-scans.service';
import { GrowingArea } from './growing-area.entity';

/** Growing-area codes as the shared lifecycle sees them; a status change runs the dependants' hooks. */
@Injectable()
export class GrowingAreaCertificate implements CertificateSubject<GrowingArea>, OnModuleInit {
  readonly type = 'growing-area' as const;
  readonly entity = GrowingArea;
  readonly label = 'Growing-area code';
  readonly eventPrefix = 'code';

  constructor(
    private readonly hooks: CodeStatusHooks,
    private readonly scans: InspectionScans,
  ) {}

  onModuleInit(): void {
    this.scans.register({ type: this.type, entity: this.entity, eventPrefix: this.eventPrefix });
  }

  kindOf(row: GrowingArea) {
    return row.kind;
  }

  afterStatusChange(
    em: EntityManager,
    row: GrowingArea,
    from: CertificationStatus,
    to: CertificationStatus,
    reason: string,
  ): Promise<void> {
    return this.hooks.run(em, { growingAreaId: row.id, code: row.code, from, to, reason });
  }
}
