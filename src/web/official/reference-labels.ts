import { Injectable, NotFoundException } from '@nestjs/common';
import { MAX_PAGE_SIZE } from '@lienket/http-common';
import { CommunesService } from '../../communes/communes.service';
import { ProductsService } from '../../products/products.service';
import type { Language } from '../i18n/catalogue';

export interface Option {
  value: string;
  label: string;
}

/** Names of products and communes for the pages, and the options of their filter selects. */
export interface References {
  product(code: string): string;
  /** `head` for livestock, `kg` for crops (undefined for an unknown code). */
  productUnit(code: string): string | undefined;
  commune(code: string): string;
  products: Option[];
  communes: Option[];
}

/**
 * Reference lists through their services: a few dozen products and the province's communes (at most
 * one page of 200 each), read once per page.
 */
@Injectable()
export class ReferenceLabels {
  constructor(
    private readonly productsService: ProductsService,
    private readonly communesService: CommunesService,
  ) {}

  async load(lang: Language): Promise<References> {
    const [products, communes] = await Promise.all([
      this.productsService.list({ page: 1, limit: MAX_PAGE_SIZE, sort: 'code' }),
      this.communesService.list({ page: 1, limit: MAX_PAGE_SIZE, sort: 'name' }),
    ]);
    const productName = new Map(products.items.map((p) => [p.code, lang === 'vi' ? p.nameVi : p.name]));
    const unit = new Map(products.items.map((p) => [p.code, p.unit]));
    const communeName = new Map(communes.items.map((c) => [c.code, c.name]));
    return {
      product: (code) => productName.get(code) ?? code,
      productUnit: (code) => unit.get(code),
      commune: (code) => communeName.get(code) ?? code,
      products: products.items.map((p) => ({ value: p.code, label: productName.get(p.code) ?? p.code })),
      communes: communes.items.map((c) => ({ value: c.code, label: c.name })),
    };
  }
}

/** The name of a linked record the caller may see, or null when it is outside their scope (404). */
export async function visibleName(find: () => Promise<{ name: string }>): Promise<string | null> {
  try {
    return (await find()).name;
  } catch (error) {
    if (error instanceof NotFoundException) return null;
    throw error;
  }
}
