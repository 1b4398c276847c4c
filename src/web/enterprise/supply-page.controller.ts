import { Controller, Get, HttpException, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { addDays, addMonths, todayInVietnam } from '../../certification/inspection-schedule';
import { ListProductsQuery } from '../../products/dto/list-products.query';
import { ProductsService } from '../../products/products.service';
import { SupplyQuery } from '../../supply/supply.query';
import { SupplyReport, SupplyService } from '../../supply/supply.service';
import { alert } from '../form-fields';
import { FieldErrors, refusalOf, validateForm } from '../form-input';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebRequest } from '../web-context';
import { ReferenceNames } from './reference-names';
import { supplyForm, SupplyFormValues, supplyResults } from './supply.view';

const SOURCES_PER_PAGE = 25;
const FIELDS = ['product', 'market', 'from', 'to', 'granularity'] as const;

/**
 * The supply check (SPEC §8): a GET form over the API's GET /supply (same service, same query DTO
 * and validation), answered with a chart per period and the eligible sources. Any signed-in role
 * may use it, as the API allows; it holds no household data.
 */
@Controller('supply')
export class SupplyPageController {
  private readonly names: ReferenceNames;

  constructor(
    private readonly supply: SupplyService,
    private readonly products: ProductsService,
    private readonly dataSource: DataSource,
  ) {
    this.names = new ReferenceNames(dataSource);
  }

  @Get()
  @Page()
  async check(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const ctx = req.web!;
    const [products, markets] = await Promise.all([
      this.products.list(Object.assign(new ListProductsQuery(), { page: 1, limit: 200, sort: 'code' })),
      this.names.markets(),
    ]);
    const values = await this.formValues(query, products.items[0]?.code ?? '');
    const page = pageParam(query.page);
    let errors: FieldErrors = {};
    let message = '';
    let report: SupplyReport | undefined;
    const checked = await validateForm(SupplyQuery, {
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')),
      sourcesLimit: Math.min(1000, page * SOURCES_PER_PAGE),
    });
    if (checked.errors) {
      errors = checked.errors;
      res.status(400);
    } else {
      try {
        report = await this.supply.supply(checked.value);
      } catch (error) {
        ({ errors, message } = refusalOf(error));
        res.status((error as HttpException).getStatus());
      }
    }
    const product = products.items.find((p) => p.code === values.product);
    let results = html``;
    if (report && product) {
      const shown = report.sources.slice((page - 1) * SOURCES_PER_PAGE);
      const [communes, cooperatives, codes] = await Promise.all([
        this.names.communes(shown.map((s) => s.communeCode)),
        this.names.cooperatives(
          ctx.actor,
          shown.map((s) => s.cooperativeId),
        ),
        this.names.codes(
          ctx.actor,
          shown.map((s) => s.growingAreaId),
        ),
      ]);
      results = supplyResults(ctx, {
        report,
        product,
        page,
        limit: SOURCES_PER_PAGE,
        communes,
        cooperatives,
        codes,
        mayContract: ['admin', 'official', 'enterprise'].includes(ctx.actor.role),
      });
    }
    return layout(
      ctx,
      ctx.t('supply.title'),
      html`<p class="muted">${ctx.t('supply.intro')}</p>
        ${alert(message || (Object.keys(errors).length ? ctx.t('form.errors') : undefined))}
        ${supplyForm(ctx, values, errors, products.items, markets)} ${results}`,
    );
  }

  /**
   * The asked question, or (first visit) the coming twelve months of the product with the most
   * forecast volume in them (the first product when nothing is forecast), so the page opens on data.
   */
  private async formValues(query: Record<string, unknown>, firstProduct: string): Promise<SupplyFormValues> {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
    if (FIELDS.some((name) => text(name))) {
      return {
        product: text('product'),
        market: text('market'),
        from: text('from'),
        to: text('to'),
        granularity: text('granularity') || 'month',
      };
    }
    const from = `${todayInVietnam().slice(0, 7)}-01`;
    const to = addDays(addMonths(from, 12), -1);
    const busiest = await this.dataSource
      .createQueryBuilder()
      .select('f.productCode', 'productCode')
      .from('forecasts', 'f')
      .where('f.periodStart <= :to AND f.periodEnd >= :from', { from, to })
      .groupBy('f.productCode')
      .orderBy('SUM(f.volume)', 'DESC')
      .limit(1)
      .getRawOne<{ productCode: string }>();
    return { product: busiest?.productCode ?? firstProduct, market: '', from, to, granularity: 'month' };
  }
}
