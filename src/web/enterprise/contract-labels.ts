import type { ContractStatus } from '../../contracts/contract.entity';
import type { ContractResponse } from '../../contracts/dto/contract.dto';
import type { ProductResponse } from '../../products/dto/product.response';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import { numberFormat } from './formats';
import { productLabel, unitLabel } from './supply.view';

/** Who may draft, activate and cancel contracts (the API's @Roles on POST/PATCH /contracts). */
export const CONTRACT_MANAGERS = ['admin', 'official', 'enterprise'] as const;

export const mayManageContracts = (ctx: WebContext): boolean =>
  (CONTRACT_MANAGERS as readonly string[]).includes(ctx.actor.role);

const STATUS_CLASS: Record<ContractStatus, string> = {
  draft: 'due',
  active: 'active',
  fulfilled: 'ok',
  cancelled: 'revoked',
  expired: '',
};

export const contractStatusTag = (ctx: WebContext, status: ContractStatus): SafeHtml =>
  html`<span class="tag ${STATUS_CLASS[status]}">${ctx.t(`contracts.status.${status}`)}</span>`;

/** The supplier as an enterprise may see it: a cooperative's name, never a household's personal data. */
export const supplierLabel = (
  ctx: WebContext,
  c: Pick<ContractResponse, 'cooperativeId' | 'householdId'>,
  cooperatives: Map<string, string>,
): string =>
  c.cooperativeId
    ? (cooperatives.get(c.cooperativeId) ?? ctx.t('contracts.none'))
    : c.householdId
      ? ctx.t('contracts.household')
      : ctx.t('contracts.none');

export const productName = (
  ctx: WebContext,
  code: string,
  products: Map<string, ProductResponse>,
): string => {
  const product = products.get(code);
  return product ? productLabel(ctx, product) : code;
};

export function priceLabel(
  ctx: WebContext,
  c: Pick<ContractResponse, 'priceVndPerUnit' | 'floorPriceVndPerUnit' | 'marketReference' | 'unit'>,
): string {
  const n = numberFormat(ctx.lang);
  const unit = unitLabel(ctx, c.unit);
  if (c.priceVndPerUnit) return ctx.t('contracts.priceFixed', { price: n(c.priceVndPerUnit), unit });
  if (c.floorPriceVndPerUnit)
    return ctx.t('contracts.priceFloor', {
      price: n(c.floorPriceVndPerUnit),
      unit,
      reference: c.marketReference ?? ctx.t('contracts.none'),
    });
  return ctx.t('contracts.none');
}
