import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_KINDS, IMPORT_STATUSES, ImportJob } from '../import-job.entity';

export class ImportRowErrorResponse {
  @ApiProperty({ example: 7, description: 'Row number as shown in the spreadsheet' }) row!: number;
  @ApiProperty({ example: 'Số CCCD' }) field!: string;
  @ApiProperty({ example: 'nationalId must be a 12-digit CCCD…' }) message!: string;
  @ApiProperty({ example: 'Số CCCD gồm 12 chữ số…' }) messageVi!: string;
}

export class ImportDuplicateResponse {
  @ApiProperty({ example: 12 }) row!: number;
  @ApiProperty({ example: 'Hoang Van Thu' }) headName!: string;
  @ApiPropertyOptional({ example: 5, description: 'Another row of the same file' }) matchesRow?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'A household already registered' })
  matchesHouseholdId?: string;
  @ApiProperty({ example: 90 }) score!: number;
}

export class ImportPreviewResponse {
  @ApiProperty({ format: 'uuid', description: 'POST /imports/{id}/commit writes the valid rows' })
  id!: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: string;
  @ApiProperty({ example: 'ho-dan-cai-kinh.xlsx' }) fileName!: string;
  @ApiProperty({ example: 120, description: 'Data rows (the header excluded)' }) rows!: number;
  @ApiProperty({ example: 117 }) valid!: number;
  @ApiProperty({ example: 3 }) invalidCount!: number;
  @ApiProperty({
    type: [ImportRowErrorResponse],
    description: 'The first errors (up to 1000, as many as fit 60 kB); invalidCount is exact',
  })
  invalid!: ImportRowErrorResponse[];
  @ApiProperty({ type: [ImportDuplicateResponse] }) duplicates!: ImportDuplicateResponse[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'integer' } })
  result!: Record<string, number> | null;
  @ApiProperty() createdAt!: Date;
}

export const toImportPreviewResponse = (j: ImportJob): ImportPreviewResponse => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  fileName: j.fileName,
  rows: j.totalRows,
  valid: j.validRows,
  invalidCount: j.invalidRows,
  invalid: j.errors,
  duplicates: j.duplicates,
  result: j.result,
  createdAt: j.createdAt,
});
