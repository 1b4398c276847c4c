import { Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE } from '@lienket/http-common';
import { CommunesService } from '../../communes/communes.service';
import type { ListCommunesQuery } from '../../communes/dto/list-communes.query';
import { EthnicityNamesService } from '../../ethnicities/ethnicity-names.service';
import type { ListProductsQuery } from '../../products/dto/list-products.query';
import { ProductsService } from '../../products/products.service';

export interface CommuneChoices {
  /** code → name, in name order. */
  names: ReadonlyMap<string, string>;
  /** false when there are more communes than one page holds: the form asks for the code instead. */
  complete: boolean;
}

export interface ProductLabel {
  name: string;
  nameVi: string;
  unit: string;
}

const COMMUNES_TTL_MS = 10 * 60_000;

/**
 * The reference lists the cooperative's forms and tables label with: communes (a province's ~65,
 * kept 10 minutes: they change only by migration), ethnicities (cached by their service) and products
 * (a handful, read per page since officials may add one).
 */
@Injectable()
export class ReferenceOptions {
  private communeCache?: { until: number; value: Promise<CommuneChoices> };

  constructor(
    private readonly communeService: CommunesService,
    private readonly ethnicityNames: EthnicityNamesService,
    private readonly productService: ProductsService,
  ) {}

  communes(): Promise<CommuneChoices> {
    if (!this.communeCache || this.communeCache.until < Date.now()) {
      const value = this.communeService
        .list({ page: 1, limit: MAX_PAGE_SIZE, sort: 'name' } as ListCommunesQuery)
        .then((page) => ({
          names: new Map(page.items.map((c) => [c.code, c.name])),
          complete: page.total <= page.items.length,
        }));
      value.catch(() => (this.communeCache = undefined));
      this.communeCache = { until: Date.now() + COMMUNES_TTL_MS, value };
    }
    return this.communeCache.value;
  }

  ethnicities(): Promise<ReadonlyMap<string, string>> {
    return this.ethnicityNames.all();
  }

  async products(): Promise<ReadonlyMap<string, ProductLabel>> {
    const page = await this.productService.list({ page: 1, limit: MAX_PAGE_SIZE } as ListProductsQuery);
    return new Map(page.items.map((p) => [p.code, { name: p.name, nameVi: p.nameVi, unit: p.unit }]));
  }
}
