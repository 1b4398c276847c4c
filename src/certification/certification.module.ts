import { Module } from '@nestjs/common';
import { CertificateLifecycle } from './certificate-lifecycle.service';
import { CodeStatusHooks } from './code-status-hooks';
import { InspectionSchedule } from './inspection-schedule';
import { InspectionScans } from './inspection-scans.service';

/** What codes and facilities share: the lifecycle, the inspection schedule and scans, the cascade hooks. */
@Module({
  providers: [CertificateLifecycle, CodeStatusHooks, InspectionSchedule, InspectionScans],
  exports: [CertificateLifecycle, CodeStatusHooks, InspectionSchedule, InspectionScans],
})
export class CertificationModule {}
