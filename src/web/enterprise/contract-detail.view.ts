import type { AuditEntryResponse } from '../../audit/dto/audit-entry.response';
import type { ContractStatus } from '../../contracts/contract.entity';
import type { ContractResponse } from '../../contracts/dto/contract.dto';
import type { ProductResponse } from '../../products/dto/product.response';
import { alert, csrfField, field } from '../form-fields';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import {
  contractStatusTag,
  mayManageContracts,
  priceLabel,
  productName,
  supplierLabel,
} from './contract-labels';
import { dateTimeFormat, dayOf, numberFormat } from './formats';
import type { CodeSummary } from './reference-names';
import { unitLabel } from './supply.view';

export interface ContractDetailData {
  contract: ContractResponse;
  products: Map<string, ProductResponse>;
  cooperatives: Map<string, string>;
  enterprises: Map<string, string>;
  valueChain: string | null;
  codes: Map<string, CodeSummary>;
  communes: Map<string, string>;
  /** The audit trail (admins and officials only, as GET /audit); null when not shown. */
  history: AuditEntryResponse[] | null;
  /** A refused status change (the 409 shortfall…), shown above the actions. */
  refusal?: string;
}

const CODE_CLASS: Record<string, string> = { active: 'active', suspended: 'suspended', revoked: 'revoked' };

export const contractTitle = (ctx: WebContext, d: ContractDetailData): string =>
  ctx.t('contracts.detailTitle', {
    product: productName(ctx, d.contract.productCode, d.products),
    supplier: supplierLabel(ctx, d.contract, d.cooperatives),
  });

/** A contract: parties and terms, its sources with their code's status, actions, history. */
export function contractDetail(ctx: WebContext, d: ContractDetailData): SafeHtml {
  const { t } = ctx;
  const c = d.contract;
  const n = numberFormat(ctx.lang);
  const unit = unitLabel(ctx, c.unit);
  return html`<p><a href="/contracts">${t('contracts.back')}</a></p>
    ${alert(d.refusal)} ${c.sourceAtRisk && html`<p class="alert error">${t('contracts.atRiskNote')}</p>`}
    <div class="card">
      <dl class="facts">
        <dt>${t('contracts.status')}</dt>
        <dd>${contractStatusTag(ctx, c.status)}</dd>
        <dt>${t('contracts.enterprise')}</dt>
        <dd>${d.enterprises.get(c.enterpriseId) ?? t('contracts.none')}</dd>
        <dt>${t('contracts.supplier')}</dt>
        <dd>${supplierLabel(ctx, c, d.cooperatives)}</dd>
        ${
          d.valueChain &&
          html`<dt>${t('contracts.valueChain')}</dt>
            <dd>${d.valueChain}</dd>`
        }
        <dt>${t('contracts.product')}</dt>
        <dd>${productName(ctx, c.productCode, d.products)}</dd>
        <dt>${t('contracts.volume')}</dt>
        <dd>${n(c.volume)} ${unit}</dd>
        <dt>${t('contracts.price')}</dt>
        <dd>${priceLabel(ctx, c)}</dd>
        <dt>${t('contracts.window')}</dt>
        <dd>${dayOf(c.deliveryFrom)} – ${dayOf(c.deliveryTo)}</dd>
      </dl>
    </div>
    <h2>${t('contracts.sources')}</h2>
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('contracts.code')}</th>
            <th scope="col">${t('contracts.commune')}</th>
            <th scope="col">${t('contracts.codeStatus')}</th>
            <th scope="col" class="num">${t('contracts.areaHa')}</th>
            <th scope="col" class="num">${t('contracts.committedVolume')}</th>
          </tr>
        </thead>
        <tbody>
          ${c.sources.map((s) => {
            const code = d.codes.get(s.growingAreaId);
            return html`<tr>
              <td data-label="${t('contracts.code')}">
                <strong>${code?.code ?? t('contracts.none')}</strong>
              </td>
              <td data-label="${t('contracts.commune')}">
                ${code ? (d.communes.get(code.communeCode) ?? code.communeCode) : ''}
              </td>
              <td data-label="${t('contracts.codeStatus')}">
                ${code && html`<span class="tag ${CODE_CLASS[code.status] ?? ''}">${t(`contracts.code.${code.status}`)}</span>`}
                ${s.atRisk && html` <span class="tag suspended">${t('contracts.atRisk')}</span>`}
                ${s.atRiskReason && html`<br /><small>${s.atRiskReason}</small>`}
              </td>
              <td class="num" data-label="${t('contracts.areaHa')}">${code ? n(code.areaHa) : ''}</td>
              <td class="num" data-label="${t('contracts.committedVolume')}">
                ${n(s.committedVolume)} ${unit}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${mayManageContracts(ctx) && actions(ctx, c)} ${d.history && history(ctx, d.history)}`;
}

function statusForm(ctx: WebContext, c: ContractResponse, to: ContractStatus, label: string, extra = html``) {
  const danger = to === 'cancelled';
  return html`<form
    method="post"
    action="/contracts/${c.id}/status"
    class="card"
    ${danger ? html` data-confirm="${ctx.t('contracts.cancelConfirm')}"` : ''}
  >
    ${csrfField(ctx.csrf)}
    <input type="hidden" name="to" value="${to}" />
    ${extra}
    <button type="submit" ${danger ? html` class="danger"` : ''}>${label}</button>
  </form>`;
}

/** The next steps of the lifecycle the viewer may take: activate or cancel a draft, close an active one. */
function actions(ctx: WebContext, c: ContractResponse): SafeHtml | false {
  const { t } = ctx;
  const cancel = statusForm(
    ctx,
    c,
    'cancelled',
    t('contracts.cancel'),
    field({ name: 'reason', label: t('contracts.reason'), type: 'textarea', attrs: { maxlength: '500' } }),
  );
  if (c.status === 'draft')
    return html`<h2>${t('contracts.status')}</h2>
      <p class="muted">${t('contracts.activateHint')}</p>
      ${statusForm(ctx, c, 'active', t('contracts.activate'))} ${cancel}`;
  if (c.status === 'active')
    return html`<h2>${t('contracts.status')}</h2>
      ${statusForm(ctx, c, 'fulfilled', t('contracts.fulfil'))} ${cancel}`;
  return false;
}

function history(ctx: WebContext, entries: AuditEntryResponse[]): SafeHtml {
  const { t } = ctx;
  const when = dateTimeFormat(ctx.lang);
  const what = (e: AuditEntryResponse): string => {
    if (e.action === 'status' && e.changes?.status) {
      const { before, after } = e.changes.status as { before: ContractStatus; after: ContractStatus };
      return t('contracts.action.status', {
        from: t(`contracts.status.${before}`),
        to: t(`contracts.status.${after}`),
      });
    }
    return e.action === 'create'
      ? t('contracts.action.create')
      : e.action === 'update'
        ? t('contracts.action.update')
        : e.action;
  };
  return html`<h2>${t('contracts.history')}</h2>
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('contracts.when')}</th>
            <th scope="col">${t('contracts.who')}</th>
            <th scope="col">${t('contracts.what')}</th>
            <th scope="col">${t('contracts.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr>
                <td data-label="${t('contracts.when')}">${when(e.createdAt)}</td>
                <td data-label="${t('contracts.who')}">${e.actorUsername ?? t('contracts.none')}</td>
                <td data-label="${t('contracts.what')}">${what(e)}</td>
                <td data-label="${t('contracts.reason')}">${e.reason ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
