import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CertificateSubject } from '../certification/certificate-lifecycle.service';
import { InspectionScans } from '../certification/inspection-scans.service';
import { PackingFacility } from './packing-facility.entity';

/** Packing facilities as the shared lifecycle and the inspection scans see them. */
@Injectable()
export class PackingFacilityCertificate implements CertificateSubject<PackingFacility>, OnModuleInit {
  readonly type = 'packing-facility' as const;
  readonly entity = PackingFacility;
  readonly label = 'Packing facility';
  readonly eventPrefix = 'facility';

  constructor(private readonly scans: InspectionScans) {}

  onModuleInit(): void {
    this.scans.register({ type: this.type, entity: this.entity, eventPrefix: this.eventPrefix });
  }

  kindOf(row: PackingFacility) {
    return row.kind;
  }
}
