import type { Page } from '@lienket/http-common';
import type { AuditEntryResponse } from '../../audit/dto/audit-entry.response';
import type { InspectionResponse } from '../../certification/dto/inspection.response';
import type {
  FacilitySourceResponse,
  PackingFacilityResponse,
} from '../../packing-facilities/dto/packing-facility.response';
import { html, SafeHtml } from '../html';
import { layout } from '../layout';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { CertificateForms, inspectionForm, savedNotice, statusForm } from './certificate-forms.view';
import {
  historySection,
  inspectionsSection,
  KIND_KEYS,
  STATUS_KEYS,
  statusTags,
} from './certificate-sections.view';
import { formatsFor } from './official-format';
import type { References } from './reference-labels';

/** The results of the facilities list (`#results`). */
export function facilitiesResults(
  ctx: WebContext,
  page: Page<PackingFacilityResponse> | undefined,
  refs: References,
): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  if (!page) return html``;
  if (page.items.length === 0) return html`<p class="card">${t('list.none')}</p>`;
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('cert.col.code')}</th>
            <th scope="col">${t('cert.col.name')}</th>
            <th scope="col">${t('cert.col.product')}</th>
            <th scope="col">${t('cert.col.commune')}</th>
            <th scope="col" class="num">${t('cert.col.capacity')}</th>
            <th scope="col">${t('cert.col.status')}</th>
            <th scope="col">${t('cert.col.nextDue')}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (p) =>
              html`<tr>
                <td data-label="${t('cert.col.code')}"><a href="/facilities/${p.id}">${p.code}</a></td>
                <td data-label="${t('cert.col.name')}">${p.name}</td>
                <td data-label="${t('cert.col.product')}">
                  ${p.productCodes.map((c) => refs.product(c)).join(', ')}
                </td>
                <td data-label="${t('cert.col.commune')}">${refs.commune(p.communeCode)}</td>
                <td data-label="${t('cert.col.capacity')}" class="num">
                  ${t('cert.tonnesPerDay', { n: f.number(p.capacityTonnesPerDay, 2) })}
                </td>
                <td data-label="${t('cert.col.status')}">${statusTags(ctx, p)}</td>
                <td data-label="${t('cert.col.nextDue')}">${f.date(p.nextInspectionDue)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}

export interface FacilityDetail {
  facility: PackingFacilityResponse;
  operatorName: string | null;
  sources: FacilitySourceResponse[];
  inspections: Page<InspectionResponse>;
  history: Page<AuditEntryResponse>;
  refs: References;
  canInspect: boolean;
  forms: CertificateForms;
  saved?: unknown;
}

function sourcesSection(ctx: WebContext, sources: FacilitySourceResponse[], refs: References): SafeHtml {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  return html`<section id="sources" aria-labelledby="sources-title">
    <h2 id="sources-title">${t('facilities.sources')}</h2>
    ${
      sources.length === 0
        ? html`<p class="card">${t('facilities.noSources')}</p>`
        : html`<div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t('cert.col.code')}</th>
                  <th scope="col">${t('cert.col.product')}</th>
                  <th scope="col">${t('cert.col.status')}</th>
                  <th scope="col">${t('facilities.risk')}</th>
                </tr>
              </thead>
              <tbody>
                ${sources.map(
                  (s) =>
                    html`<tr>
                      <td data-label="${t('cert.col.code')}">
                        <a href="/codes/${s.growingAreaId}">${s.code}</a>
                      </td>
                      <td data-label="${t('cert.col.product')}">${refs.product(s.productCode)}</td>
                      <td data-label="${t('cert.col.status')}">
                        <span class="tag ${s.status}">${t(STATUS_KEYS[s.status])}</span>
                      </td>
                      <td data-label="${t('facilities.risk')}">
                        ${
                          s.atRisk
                            ? html`<span class="tag suspended">${t('cert.atRisk')}</span>
                                ${t('facilities.atRiskSince', { date: s.atRiskSince ? f.dateTime(s.atRiskSince) : '—' })}
                                ${s.atRiskReason ?? ''}`
                            : '—'
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

export function facilityDetailPage(ctx: WebContext, d: FacilityDetail): string {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const p = d.facility;
  return layout(
    ctx,
    t('facilities.detailTitle', { code: p.code }),
    html`<p><a href="/facilities">${t('cert.back')}</a></p>
      ${savedNotice(ctx, d.saved)}
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${t('cert.facts')}</h2>
        <dl class="facts">
          <dt>${t('cert.col.name')}</dt>
          <dd>${p.name}</dd>
          <dt>${t('cert.col.status')}</dt>
          <dd>${statusTags(ctx, p)}</dd>
          <dt>${t('cert.col.kind')}</dt>
          <dd>${t(KIND_KEYS[p.kind])}</dd>
          <dt>${t('cert.fact.products')}</dt>
          <dd>${p.productCodes.map((c) => d.refs.product(c)).join(', ') || '—'}</dd>
          <dt>${t('cert.col.markets')}</dt>
          <dd>${p.markets.length ? p.markets.join(', ') : '—'}</dd>
          <dt>${t('cert.col.capacity')}</dt>
          <dd>${t('cert.tonnesPerDay', { n: f.number(p.capacityTonnesPerDay, 2) })}</dd>
          <dt>${t('cert.col.commune')}</dt>
          <dd>${d.refs.commune(p.communeCode)}</dd>
          <dt>${t('cert.fact.operator')}</dt>
          <dd>${d.operatorName ?? '—'}</dd>
          <dt>${t('cert.fact.issuedOn')}</dt>
          <dd>${f.date(p.issuedOn)}</dd>
          <dt>${t('cert.fact.lastInspected')}</dt>
          <dd>${f.date(p.lastInspectedOn)}</dd>
          <dt>${t('cert.fact.nextDue')}</dt>
          <dd>${f.date(p.nextInspectionDue)}</dd>
        </dl>
      </section>
      ${sourcesSection(ctx, d.sources, d.refs)}
      ${d.canInspect ? inspectionForm(ctx, `/facilities/${p.id}/inspections`, d.forms.inspection) : ''}
      ${d.canInspect ? statusForm(ctx, `/facilities/${p.id}/status`, p.status, d.forms.status) : ''}
      ${inspectionsSection(ctx, `/facilities/${p.id}`, d.inspections)}
      ${historySection(ctx, `/facilities/${p.id}`, d.history)}`,
  );
}
