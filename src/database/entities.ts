import { OutboxEvent } from '@lienket/outbox';
import { AuditLog } from '../audit/audit-log.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Commune } from '../communes/commune.entity';
import { CooperativeMember } from '../memberships/cooperative-member.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';
import { Household } from '../households/household.entity';
import { ImportJob } from '../imports/import-job.entity';
import { ImportRow } from '../imports/import-row.entity';
import { DuplicatePair } from '../integrity/duplicate-pair.entity';
import { Product } from '../products/product.entity';
import { SupportRecord } from '../support/support-record.entity';
import { SupportRule } from '../support/support-rule.entity';
import { User } from '../users/user.entity';

/** Every mapped table; the migrations must create exactly these (test/schema.e2e-spec.ts checks). */
export const ENTITIES = [
  AuditLog,
  Commune,
  Cooperative,
  CooperativeMember,
  DuplicatePair,
  Enterprise,
  Ethnicity,
  Household,
  ImportJob,
  ImportRow,
  OutboxEvent,
  Product,
  RefreshToken,
  SupportRecord,
  SupportRule,
  User,
];
