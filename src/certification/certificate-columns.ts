import { Column } from 'typeorm';
import { VersionedEntity } from '../database/versioned-entity';
import type { CertificationStatus } from './certification-status';

/** What growing-area codes and packing facilities share: a code, a lifecycle and an inspection schedule. */
export abstract class CertificateColumns extends VersionedEntity {
  @Column({ type: 'varchar', length: 32 }) code!: string;
  @Column({ type: 'varchar', length: 10 }) status!: CertificationStatus;
  @Column({ type: 'varchar', length: 5 }) communeCode!: string;
  @Column({ type: 'date' }) issuedOn!: string;
  @Column({ type: 'date', nullable: true }) lastInspectedOn!: string | null;
  @Column({ type: 'date' }) nextInspectionDue!: string;
}
