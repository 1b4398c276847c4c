import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CERTIFICATE_TYPES,
  CertificateType,
  Inspection,
  INSPECTION_RESULTS,
  InspectionResult,
} from '../inspection.entity';

export class InspectionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CERTIFICATE_TYPES }) subjectType!: CertificateType;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ example: '2026-11-20' }) inspectedOn!: string;
  @ApiProperty() inspector!: string;
  @ApiProperty({ enum: INSPECTION_RESULTS }) result!: InspectionResult;
  @ApiPropertyOptional({ nullable: true }) findings!: string | null;
  @ApiPropertyOptional({ nullable: true }) residueTestPassed!: boolean | null;
  @ApiPropertyOptional({ nullable: true }) diaryKept!: boolean | null;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() createdAt!: Date;
}

export const toInspectionResponse = (i: Inspection): InspectionResponse => ({
  id: i.id,
  subjectType: i.subjectType,
  subjectId: i.subjectId,
  inspectedOn: i.inspectedOn,
  inspector: i.inspector,
  result: i.result,
  findings: i.findings,
  residueTestPassed: i.residueTestPassed === null ? null : Boolean(i.residueTestPassed),
  diaryKept: i.diaryKept === null ? null : Boolean(i.diaryKept),
  recordedBy: i.recordedBy,
  createdAt: i.createdAt,
});
