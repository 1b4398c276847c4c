import { foldVietnamese } from '@lienket/vn-identity';
import { DataSource } from 'typeorm';
import { Commune } from '../communes/commune.entity';
import { Ethnicity } from '../ethnicities/ethnicity.entity';
import type { ReferenceLookups } from './household-sheet';

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
