import { OutboxEvent } from '@lienket/outbox';
import { AuditLog } from '../audit/audit-log.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Inspection } from '../certification/inspection.entity';
import { ScanMark } from '../certification/scan-mark.entity';
import { Commune } from '../communes/commune.entity';
import { Contract, ContractSource } from '../contracts/contract.entity';
import { CooperativeMember } from '../memberships/cooperative-member.entity';
import { MemberListVersion } from '../memberships/member-list-version.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { EmailDelivery } from '../email/email-delivery.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';
import { Forecast, Harvest } from '../forecasts/forecast.entity';
import { GrowingAreaMarket } from '../growing-areas/growing-area-market.entity';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Plot } from '../growing-areas/plot.entity';
import { Household } from '../households/household.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { Notification, NotificationPreference } from '../notifications/notification.entity';
import { ImportJob } from '../imports/import-job.entity';
import { ImportRow } from '../imports/import-row.entity';
import { DuplicatePair } from '../integrity/duplicate-pair.entity';
import {
  PackingFacilityMarket,
  PackingFacilityProduct,
  PackingFacilitySource,
} from '../packing-facilities/packing-facility-links.entity';
import { PackingFacility } from '../packing-facilities/packing-facility.entity';
import { Product } from '../products/product.entity';
import { ScanRun } from '../scans/scan-run.entity';
import { SupportRecord } from '../support/support-record.entity';
import { SupportRule } from '../support/support-rule.entity';
import { User } from '../users/user.entity';
import { Webhook, WebhookDelivery } from '../webhooks/webhook.entity';
import { Disbursement } from '../value-chains/disbursement.entity';
import {
  ValueChain,
  ValueChainBudget,
  ValueChainCommune,
  ValueChainHousehold,
  ValueChainPartner,
} from '../value-chains/value-chain.entity';

/** Every mapped table; the migrations must create exactly these (test/schema.e2e-spec.ts checks). */
export const ENTITIES = [
  AuditLog,
  Commune,
  Contract,
  ContractSource,
  Cooperative,
  CooperativeMember,
  Disbursement,
  DuplicatePair,
  EmailDelivery,
  Enterprise,
  Ethnicity,
  Forecast,
  GrowingArea,
  GrowingAreaMarket,
  Harvest,
  Household,
  IdempotencyKey,
  ImportJob,
  ImportRow,
  Inspection,
  MemberListVersion,
  Notification,
  NotificationPreference,
  OutboxEvent,
  PackingFacility,
  PackingFacilityMarket,
  PackingFacilityProduct,
  PackingFacilitySource,
  Plot,
  Product,
  RefreshToken,
  ScanMark,
  ScanRun,
  SupportRecord,
  SupportRule,
  User,
  ValueChain,
  ValueChainBudget,
  ValueChainCommune,
  ValueChainHousehold,
  ValueChainPartner,
  Webhook,
  WebhookDelivery,
];
