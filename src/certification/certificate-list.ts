import { Type as ClassType } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, PageParams, PageQuery } from '@lienket/http-common';
import { toSearchPrefix } from '@lienket/vn-identity';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CERTIFICATION_STATUSES, CertificationStatus } from './certification-status';
import { CertificateKind, todayInVietnam } from './inspection-schedule';

export const CERTIFICATE_KINDS = ['export', 'domestic'] as const;

export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export interface CertificateFilters {
  status?: CertificationStatus;
  kind?: CertificateKind;
  market?: string;
  communeCode?: string;
  inspectionDueBefore?: string;
  overdue?: boolean;
  search?: string;
}

/** The list query codes and facilities share (SPEC §5): their filters, plus paging and sorting. */
export function CertificateListQuery<S extends string>(
  sortFields: readonly S[],
): ClassType<PageParams<S> & CertificateFilters> {
  class CertificateListQueryDto extends PageQuery(sortFields) implements CertificateFilters {
    @ApiPropertyOptional({ enum: CERTIFICATION_STATUSES })
    @IsOptional()
    @IsIn(CERTIFICATION_STATUSES)
    status?: CertificationStatus;

    @ApiPropertyOptional({ enum: CERTIFICATE_KINDS })
    @IsOptional()
    @IsIn(CERTIFICATE_KINDS)
    kind?: CertificateKind;

    @ApiPropertyOptional({ example: 'CN' })
    @IsOptional()
    @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
    @IsISO31661Alpha2({ message: 'market must be an ISO 3166 alpha-2 country code' })
    market?: string;

    @ApiPropertyOptional({ example: '06427' })
    @IsOptional()
    @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
    communeCode?: string;

    @ApiPropertyOptional({ example: '2027-01-01', description: 'Next inspection falls before this date' })
    @IsOptional()
    @IsDateOnly()
    inspectionDueBefore?: string;

    @ApiPropertyOptional({ description: 'true: only those in force whose next inspection date has passed' })
    @IsOptional()
    @Transform(queryBoolean)
    @IsBoolean()
    overdue?: boolean;

    @ApiPropertyOptional({ example: 'VN-LSCL', description: 'Start of the code' })
    @IsOptional()
    @IsString()
    @MaxLength(32)
    search?: string;
  }
  return CertificateListQueryDto;
}

/**
 * The shared filters on a certificate query; `markets` names either a `|CN|JP|` key column of the
 * certificate or the table of its markets and the column pointing back at it.
 */
export function applyCertificateFilters<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  q: CertificateFilters,
  markets: { table: string; column: string } | { keyColumn: string },
  today = todayInVietnam(),
): SelectQueryBuilder<E> {
  const a = qb.alias;
  if (q.status) qb.andWhere(`${a}.status = :status`, { status: q.status });
  if (q.kind) qb.andWhere(`${a}.kind = :kind`, { kind: q.kind });
  if (q.communeCode) qb.andWhere(`${a}.communeCode = :communeCode`, { communeCode: q.communeCode });
  if (q.market && 'keyColumn' in markets) {
    // Only export certificates list markets.
    qb.andWhere(`${a}.kind = 'export' AND ${a}.${markets.keyColumn} LIKE :marketPattern`, {
      marketPattern: `%|${q.market}|%`,
    });
  } else if (q.market && 'table' in markets) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM ${markets.table} lm WHERE lm.market = :market AND lm.${markets.column} = ${a}.id)`,
      { market: q.market },
    );
  }
  if (q.inspectionDueBefore)
    qb.andWhere(`${a}.nextInspectionDue < :dueBefore`, { dueBefore: q.inspectionDueBefore });
  if (q.overdue === true)
    qb.andWhere(`${a}.status = 'active' AND ${a}.nextInspectionDue < :today`, { today });
  if (q.overdue === false)
    qb.andWhere(`(${a}.status <> 'active' OR ${a}.nextInspectionDue >= :today)`, { today });
  if (q.search) {
    qb.andWhere(`${a}.code LIKE :codePrefix ESCAPE '!'`, {
      codePrefix: toSearchPrefix(q.search).toUpperCase(),
    });
  }
  return qb;
}
