import { Injectable, Logger } from '@nestjs/common';
import { foldVietnamese } from '@lienket/vn-identity';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Commune } from '../../communes/commune.entity';
import { Ethnicity } from '../../ethnicities/ethnicity.entity';
import { Product } from '../../products/product.entity';
import communes from './reference/communes.json';
import ethnicities from './reference/ethnicities.json';
import products from './reference/products.json';

/**
 * Loads the reference lists shipped with the code (see reference/SOURCES.md). Only missing rows
 * are inserted, so products officials have edited or added are never overwritten, and several
 * processes starting at once do not collide.
 */
@Injectable()
export class ReferenceDataSeed {
  private readonly logger = new Logger(ReferenceDataSeed.name);

  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<void> {
    const inserted = {
      communes: await this.insertMissing(
        Commune,
        communes.map((c) => ({
          code: c.code,
          name: c.name,
          searchKey: foldVietnamese([c.name, ...c.mergedFrom].join(' ')),
          type: c.type as Commune['type'],
          formerDistrict: c.formerDistrict,
          mergedFrom: c.mergedFrom,
        })),
      ),
      ethnicities: await this.insertMissing(Ethnicity, ethnicities),
      products: await this.insertMissing(
        Product,
        products.map((p) => ({
          code: p.code,
          name: p.name,
          nameVi: p.nameVi,
          kind: p.kind as Product['kind'],
          unit: p.unit as Product['unit'],
          harvestMonths: p.harvestMonths,
          offSeasonMonths: p.offSeasonMonths,
          typicalYieldPerHa: p.typicalYieldPerHa,
          notes: p.notes,
          version: 1,
        })),
      ),
    };
    if (Object.values(inserted).some((n) => n > 0))
      this.logger.log({ msg: 'reference data loaded', inserted });
  }

  private async insertMissing<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    rows: Array<QueryDeepPartialEntity<E> & Record<string, unknown>>,
  ): Promise<number> {
    const repo = this.dataSource.getRepository(target);
    const key = repo.metadata.primaryColumns[0].propertyName;
    const present = new Set(
      (await repo.createQueryBuilder('r').select(`r.${key}`, 'key').getRawMany()).map((r) => r.key),
    );
    const missing = rows.filter((r) => !present.has(r[key]));
    if (missing.length) await repo.createQueryBuilder().insert().values(missing).orIgnore().execute();
    return missing.length;
  }
}
