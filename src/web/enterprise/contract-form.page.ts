import { HttpException } from '@nestjs/common';
import { CooperativeResponse } from '../../cooperatives/dto/cooperative.response';
import { ListCooperativesQuery } from '../../cooperatives/dto/list-cooperatives.query';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { ListEnterprisesQuery } from '../../enterprises/dto/list-enterprises.query';
import { EnterprisesService } from '../../enterprises/enterprises.service';
import { ListGrowingAreasQuery } from '../../growing-areas/dto/list-growing-areas.query';
import { GrowingAreasService } from '../../growing-areas/growing-areas.service';
import { ListProductsQuery } from '../../products/dto/list-products.query';
import { ProductsService } from '../../products/products.service';
import type { FieldErrors } from '../form-input';
import { layout } from '../layout';
import type { WebContext } from '../web-context';
import { contractForm, ContractFormData, ContractFormValues } from './contract-form.view';
import { ReferenceNames } from './reference-names';

/** How many choices a select offers; the search field narrows cooperatives beyond that. */
const CHOICES = 200;

const TEXT_FIELDS = [
  'enterpriseId',
  'cooperativeId',
  'productCode',
  'coopSearch',
  'volume',
  'unit',
  'priceVndPerUnit',
  'floorPriceVndPerUnit',
  'marketReference',
  'deliveryFrom',
  'deliveryTo',
] as const;

/** The "new contract" page: the choices it offers (through the API's services, scoped) and its markup. */
export class ContractFormPage {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly enterprises: EnterprisesService,
    private readonly growingAreas: GrowingAreasService,
    private readonly products: ProductsService,
    private readonly names: ReferenceNames,
  ) {}

  /** The form's values from a query or a posted body, as typed. */
  valuesOf(source: Record<string, unknown>): ContractFormValues {
    const text = (name: string) => {
      const value = source[name];
      return typeof value === 'string' ? value.trim().slice(0, 200) : '';
    };
    const ids = source.sourceGrowingAreaIds;
    return {
      ...(Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(name)])) as Omit<
        ContractFormValues,
        'sourceGrowingAreaIds'
      >),
      sourceGrowingAreaIds: (Array.isArray(ids) ? ids : [ids]).filter(
        (id): id is string => typeof id === 'string',
      ),
    };
  }

  async render(
    ctx: WebContext,
    values: ContractFormValues,
    errors: FieldErrors,
    message?: string,
  ): Promise<string> {
    const { actor } = ctx;
    const [products, enterprises, cooperatives] = await Promise.all([
      this.products.list(Object.assign(new ListProductsQuery(), { page: 1, limit: CHOICES, sort: 'code' })),
      actor.role === 'enterprise'
        ? null
        : this.enterprises.list(
            actor,
            Object.assign(new ListEnterprisesQuery(), { page: 1, limit: CHOICES, sort: 'name' }),
          ),
      this.cooperatives.list(
        actor,
        Object.assign(new ListCooperativesQuery(), {
          page: 1,
          limit: CHOICES,
          sort: 'name',
          status: 'active',
          search: values.coopSearch || undefined,
        }),
      ),
    ]);
    const choices = cooperatives.items;
    let cooperative: CooperativeResponse | undefined = choices.find((c) => c.id === values.cooperativeId);
    if (!cooperative && values.cooperativeId) {
      try {
        cooperative = await this.cooperatives.findOne(actor, values.cooperativeId);
        choices.unshift(cooperative);
      } catch (error) {
        if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
        errors = { cooperativeId: error.message, ...errors };
      }
    }
    const product = products.items.find((p) => p.code === values.productCode);
    let terms: ContractFormData['terms'] = null;
    let communes = new Map<string, string>();
    if (cooperative && product) {
      const codes = await this.growingAreas.list(
        actor,
        Object.assign(new ListGrowingAreasQuery(), {
          page: 1,
          limit: CHOICES,
          sort: 'code',
          status: 'active',
          productCode: product.code,
          cooperativeId: cooperative.id,
        }),
      );
      terms = { product, cooperative, codes: codes.items };
      communes = await this.names.communes(codes.items.map((g) => g.communeCode));
    }
    return layout(
      ctx,
      ctx.t('contracts.new'),
      contractForm(ctx, {
        values,
        errors,
        message,
        enterprises: enterprises?.items ?? null,
        cooperatives: choices,
        products: products.items,
        terms,
        communes,
      }),
    );
  }
}
