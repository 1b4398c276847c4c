import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFICATION_STATUSES, CertificationStatus } from '../../certification/certification-status';
import type { CertificateKind } from '../../certification/inspection-schedule';
import type { InspectionFlags } from '../../certification/inspection-schedule';
import { areaWarning } from '../boundary';
import { CERTIFICATE_KINDS } from '../../certification/certificate-list';
import { GrowingArea } from '../growing-area.entity';

export class GrowingAreaResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'VN-LSCL-0123' }) code!: string;
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind!: CertificateKind;
  @ApiProperty({ type: [String], example: ['CN'] }) markets!: string[];
  @ApiProperty({ example: 'custard-apple' }) productCode!: string;
  @ApiProperty({ example: 12.5 }) areaHa!: number;
  @ApiProperty({ example: 3.2, description: 'Hectares already assigned to plots' }) plottedHa!: number;
  @ApiProperty({ example: '06427' }) communeCode!: string;
  @ApiPropertyOptional({ nullable: true }) cooperativeId!: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'GeoJSON (detail responses only)',
  })
  boundary?: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, description: 'Area the boundary encloses' }) boundaryAreaHa!:
    number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Drawn and declared areas disagree' })
  areaWarning!: string | null;
  @ApiProperty() issuer!: string;
  @ApiProperty({ example: '2026-05-01' }) issuedOn!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: CertificationStatus;
  @ApiPropertyOptional({ nullable: true }) lastInspectedOn!: string | null;
  @ApiProperty({ example: '2026-11-01' }) nextInspectionDue!: string;
  @ApiProperty({ description: 'Next inspection within the lead time' }) due!: boolean;
  @ApiProperty({ description: 'Next inspection date has passed' }) overdue!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** What a list reads of each code: every column the answer shows, not the GeoJSON boundary. */
export const GROWING_AREA_LIST_COLUMNS = [
  'id',
  'code',
  'kind',
  'marketsKey',
  'productCode',
  'areaHa',
  'plottedHa',
  'communeCode',
  'cooperativeId',
  'boundaryAreaHa',
  'issuer',
  'issuedOn',
  'status',
  'lastInspectedOn',
  'nextInspectionDue',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof GrowingArea>;

type ListedGrowingArea = Pick<GrowingArea, (typeof GROWING_AREA_LIST_COLUMNS)[number]>;

/** `detail` answers add the boundary, which `g` must then carry. */
export function toGrowingAreaResponse(
  g: ListedGrowingArea & Partial<Pick<GrowingArea, 'boundary'>>,
  markets: string[],
  flags: InspectionFlags,
  detail = false,
): GrowingAreaResponse {
  return {
    id: g.id,
    code: g.code,
    kind: g.kind,
    markets,
    productCode: g.productCode,
    areaHa: g.areaHa,
    plottedHa: g.plottedHa,
    communeCode: g.communeCode,
    cooperativeId: g.cooperativeId,
    ...(detail ? { boundary: g.boundary ? (JSON.parse(g.boundary) as Record<string, unknown>) : null } : {}),
    boundaryAreaHa: g.boundaryAreaHa,
    areaWarning: areaWarning(g.areaHa, g.boundaryAreaHa),
    issuer: g.issuer,
    issuedOn: g.issuedOn,
    status: g.status,
    lastInspectedOn: g.lastInspectedOn,
    nextInspectionDue: g.nextInspectionDue,
    ...flags,
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}
