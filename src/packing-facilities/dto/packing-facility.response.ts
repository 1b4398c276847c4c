import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFICATION_STATUSES, CertificationStatus } from '../../certification/certification-status';
import type { CertificateKind, InspectionFlags } from '../../certification/inspection-schedule';
import { CERTIFICATE_KINDS } from '../../certification/certificate-list';
import { PackingFacility } from '../packing-facility.entity';

export class PackingFacilityResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind!: CertificateKind;
  @ApiProperty() communeCode!: string;
  @ApiPropertyOptional({ nullable: true }) operatorCooperativeId!: string | null;
  @ApiPropertyOptional({ nullable: true }) operatorEnterpriseId!: string | null;
  @ApiProperty({ type: [String] }) productCodes!: string[];
  @ApiProperty({ type: [String] }) markets!: string[];
  @ApiProperty() capacityTonnesPerDay!: number;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: CertificationStatus;
  @ApiPropertyOptional({ nullable: true }) lastInspectedOn!: string | null;
  @ApiProperty() nextInspectionDue!: string;
  @ApiProperty() due!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'Sources from a suspended or revoked code' }) atRisk!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export interface FacilityLinks {
  productCodes: string[];
  markets: string[];
  atRisk: boolean;
}

export const toPackingFacilityResponse = (
  f: PackingFacility,
  links: FacilityLinks,
  flags: InspectionFlags,
): PackingFacilityResponse => ({
  id: f.id,
  code: f.code,
  name: f.name,
  kind: f.kind,
  communeCode: f.communeCode,
  operatorCooperativeId: f.operatorCooperativeId,
  operatorEnterpriseId: f.operatorEnterpriseId,
  productCodes: links.productCodes,
  markets: links.markets,
  capacityTonnesPerDay: f.capacityTonnesPerDay,
  issuedOn: f.issuedOn,
  status: f.status,
  lastInspectedOn: f.lastInspectedOn,
  nextInspectionDue: f.nextInspectionDue,
  ...flags,
  atRisk: links.atRisk,
  version: f.version,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});

export class FacilitySourceResponse {
  @ApiProperty() growingAreaId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() productCode!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: CertificationStatus;
  @ApiProperty() atRisk!: boolean;
  @ApiPropertyOptional({ nullable: true }) atRiskSince!: Date | null;
  @ApiPropertyOptional({ nullable: true }) atRiskReason!: string | null;
  @ApiProperty() createdAt!: Date;
}
