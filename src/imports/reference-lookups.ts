import { foldVietnamese } from '@lienket/vn-identity';
import { DataSource } from 'typeorm';
import { Commune } from '../communes/commune.entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';

export interface ReferenceLookups {
  communes: ReadonlyMap<string, string>;
  ethnicities: ReadonlyMap<string, string>;
}

/** A commune as people write it: the 5-digit code, or its name with or without "xã"/"phường". */
export function communeCodeOf(value: string, refs: ReferenceLookups): string {
  if (/^\d{5}$/.test(value)) return value;
  return refs.communes.get(foldVietnamese(value).replace(/^(xa|phuong) /, '')) ?? value;
}

/** The validation error for a well-formed commune code that is not one of the province's. */
export function unknownCommune(
  code: unknown,
  refs: ReferenceLookups,
): { field: string; message: string } | null {
  return refs.communes.has(`#${String(code)}`)
    ? null
    : { field: 'communeCode', message: `communeCode ${String(code)} is not a commune of the province` };
}

/** Names (folded) → codes, plus `#code` → code for the existence check. */
export async function loadReferenceLookups(dataSource: DataSource): Promise<ReferenceLookups> {
  const [communes, ethnicities] = await Promise.all([
    dataSource.getRepository(Commune).find({ select: { code: true, name: true } }),
    dataSource.getRepository(Ethnicity).find(),
  ]);
  return {
    communes: new Map(
      communes.flatMap((c) => [
        [foldVietnamese(c.name), c.code],
        [`#${c.code}`, c.code],
      ]),
    ),
    ethnicities: new Map(
      ethnicities.flatMap((e) => [
        [foldVietnamese(e.name), e.code],
        [foldVietnamese(e.nameEn), e.code],
        [`#${e.code}`, e.code],
      ]),
    ),
  };
}
