import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ListAuditQuery } from '../../audit/dto/list-audit.query';
import { AuditService } from '../../audit/audit.service';
import { Roles } from '../../auth/roles.decorator';
import { CONTRACT_STATUSES, ContractStatus } from '../../contracts/contract.entity';
import { ContractsService } from '../../contracts/contracts.service';
import {
  ContractResponse,
  ContractStatusDto,
  CreateContractDto,
  ListContractsQuery,
} from '../../contracts/dto/contract.dto';
import { CooperativesService } from '../../cooperatives/cooperatives.service';
import { EnterprisesService } from '../../enterprises/enterprises.service';
import { GrowingAreasService } from '../../growing-areas/growing-areas.service';
import { ListProductsQuery } from '../../products/dto/list-products.query';
import type { ProductResponse } from '../../products/dto/product.response';
import { ProductsService } from '../../products/products.service';
import { formValues, refusalOf, validateForm } from '../form-input';
import { html } from '../html';
import { layout } from '../layout';
import { Page } from '../page.decorator';
import { pageParam } from '../pager';
import type { WebContext, WebRequest } from '../web-context';
import { ContractFormPage } from './contract-form.page';
import { CONTRACT_MANAGERS, mayManageContracts } from './contract-labels';
import { contractDetail, ContractDetailData, contractTitle } from './contract-detail.view';
import { contractsFilterForm, contractsTable } from './contracts-list.view';
import { numberFormat } from './formats';
import { ReferenceNames } from './reference-names';
import { unitLabel } from './supply.view';

const PER_PAGE = 20;

/**
 * Linkage contracts (SPEC §8): the list and a contract's page for everyone the API lets read them
 * (scoped by ContractsService exactly as GET /contracts), drafting, activation and cancellation for
 * the roles the API lets change them.
 */
@Controller('contracts')
export class ContractsPageController {
  private readonly names: ReferenceNames;
  private readonly form: ContractFormPage;

  constructor(
    private readonly contracts: ContractsService,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    cooperatives: CooperativesService,
    enterprises: EnterprisesService,
    growingAreas: GrowingAreasService,
    dataSource: DataSource,
  ) {
    this.names = new ReferenceNames(dataSource);
    this.form = new ContractFormPage(cooperatives, enterprises, growingAreas, products, this.names);
  }

  @Get()
  @Page()
  async list(
    @Req() req: WebRequest,
    @Query('status') statusQuery?: string,
    @Query('productCode') productQuery?: string,
    @Query('page') pageQuery?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const products = await this.productList();
    const status = (CONTRACT_STATUSES as readonly string[]).includes(statusQuery ?? '')
      ? (statusQuery as ContractStatus)
      : undefined;
    const productCode = products.some((p) => p.code === productQuery) ? productQuery : undefined;
    const page = await this.contracts.list(
      ctx.actor,
      Object.assign(new ListContractsQuery(), {
        page: pageParam(pageQuery),
        limit: PER_PAGE,
        sort: '-createdAt',
        status,
        productCode,
      }),
    );
    const [cooperatives, enterprises] = await Promise.all([
      this.names.cooperatives(
        ctx.actor,
        page.items.map((c) => c.cooperativeId),
      ),
      this.names.enterprises(page.items.map((c) => c.enterpriseId)),
    ]);
    const results = contractsTable(ctx, {
      page,
      products: new Map(products.map((p) => [p.code, p])),
      cooperatives,
      enterprises,
    });
    if (req.headers['x-partial'] === '1') return results.value;
    return layout(
      ctx,
      ctx.t('contracts.title'),
      html`${
          mayManageContracts(ctx) &&
          html`<div class="actions">
            <a class="button" href="/contracts/new">${ctx.t('contracts.new')}</a>
          </div>`
        }
        ${contractsFilterForm(ctx, { status: status ?? '', productCode: productCode ?? '' }, products)}
        <div id="results" aria-live="polite">${results}</div>`,
    );
  }

  @Get('new')
  @Page()
  @Roles(...CONTRACT_MANAGERS)
  newContract(@Req() req: WebRequest, @Query() query: Record<string, unknown>): Promise<string> {
    return this.form.render(req.web!, this.form.valuesOf(query), {});
  }

  @Post('new')
  @Page()
  @Roles(...CONTRACT_MANAGERS)
  async create(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    const shown = this.form.valuesOf(body);
    const values = formValues(body, {
      numbers: ['volume', 'priceVndPerUnit', 'floorPriceVndPerUnit'],
      arrays: ['sourceGrowingAreaIds'],
    });
    values.sourceGrowingAreaIds ??= [];
    if (ctx.actor.role === 'enterprise') delete values.enterpriseId;
    const checked = await validateForm(CreateContractDto, values);
    if (checked.errors) {
      res.status(400);
      return this.form.render(ctx, shown, checked.errors);
    }
    try {
      const created = await this.contracts.create(ctx.actor, checked.value);
      res.redirect(303, `/contracts/${created.id}`);
    } catch (error) {
      const { message, errors } = refusalOf(error);
      res.status((error as HttpException).getStatus());
      return this.form.render(ctx, shown, errors, message);
    }
  }

  @Get(':id')
  @Page()
  async detail(@Req() req: WebRequest, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    const ctx = req.web!;
    return this.renderDetail(ctx, await this.contracts.findOne(ctx.actor, id));
  }

  @Post(':id/status')
  @Page()
  @Roles(...CONTRACT_MANAGERS)
  async changeStatus(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<string | void> {
    const ctx = req.web!;
    // Read first: a contract outside the caller's scope answers 404 before anything else.
    const contract = await this.contracts.findOne(ctx.actor, id);
    const checked = await validateForm(ContractStatusDto, formValues(body));
    if (checked.errors) {
      res.status(400);
      return this.renderDetail(ctx, contract, Object.values(checked.errors).join(' '));
    }
    try {
      await this.contracts.changeStatus(ctx.actor, id, checked.value);
      res.redirect(303, `/contracts/${id}`);
    } catch (error) {
      const refusal = this.shortfall(ctx, contract, error) ?? refusalOf(error).message;
      res.status((error as HttpException).getStatus());
      return this.renderDetail(ctx, contract, refusal);
    }
  }

  /** The 409 of an activation the forecasts cannot cover, in the page's words and numbers. */
  private shortfall(ctx: WebContext, contract: ContractResponse, error: unknown): string | undefined {
    if (!(error instanceof ConflictException)) return undefined;
    const body = error.getResponse() as { available?: unknown; shortfall?: unknown };
    if (typeof body.available !== 'number' || typeof body.shortfall !== 'number') return undefined;
    const n = numberFormat(ctx.lang);
    return ctx.t('contracts.shortfall', {
      available: n(body.available),
      shortfall: n(body.shortfall),
      volume: n(contract.volume),
      unit: unitLabel(ctx, contract.unit),
    });
  }

  private async renderDetail(ctx: WebContext, contract: ContractResponse, refusal?: string): Promise<string> {
    const ids = contract.sources.map((s) => s.growingAreaId);
    const [products, cooperatives, enterprises, valueChain, codes, history] = await Promise.all([
      this.productList(),
      this.names.cooperatives(ctx.actor, [contract.cooperativeId]),
      this.names.enterprises([contract.enterpriseId]),
      this.names.valueChain(ctx.actor, contract.valueChainId),
      this.names.codes(ctx.actor, ids),
      // The audit trail is for those GET /audit serves.
      ctx.actor.role === 'admin' || ctx.actor.role === 'official'
        ? this.audit
            .recordHistory(
              Object.assign(new ListAuditQuery(), {
                entity: 'contract',
                entityId: contract.id,
                page: 1,
                limit: 50,
                sort: 'createdAt',
              }),
            )
            .then((p) => p.items)
        : Promise.resolve(null),
    ]);
    const data: ContractDetailData = {
      contract,
      products: new Map(products.map((p) => [p.code, p])),
      cooperatives,
      enterprises,
      valueChain,
      codes,
      communes: await this.names.communes([...codes.values()].map((c) => c.communeCode)),
      history,
      refusal,
    };
    return layout(ctx, contractTitle(ctx, data), contractDetail(ctx, data));
  }

  private async productList(): Promise<ProductResponse[]> {
    const page = await this.products.list(
      Object.assign(new ListProductsQuery(), { page: 1, limit: 200, sort: 'code' }),
    );
    return page.items;
  }
}
