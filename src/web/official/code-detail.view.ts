import type { Page } from '@lienket/http-common';
import type { AuditEntryResponse } from '../../audit/dto/audit-entry.response';
import type { InspectionResponse } from '../../certification/dto/inspection.response';
import type { GrowingAreaResponse } from '../../growing-areas/dto/growing-area.response';
import type { PlotResponse } from '../../growing-areas/dto/plot.response';
import { html } from '../html';
import { layout } from '../layout';
import type { WebContext } from '../web-context';
import { boundaryMap } from './boundary-map';
import { CertificateForms, inspectionForm, savedNotice, statusForm } from './certificate-forms.view';
import { historySection, inspectionsSection, KIND_KEYS, statusTags } from './certificate-sections.view';
import { progressBar } from './figures.view';
import { formatsFor } from './official-format';
import type { References } from './reference-labels';

export interface CodeDetail {
  area: GrowingAreaResponse;
  cooperativeName: string | null;
  /** The first page of plots: its total is the number of plots. */
  plots: Page<PlotResponse>;
  inspections: Page<InspectionResponse>;
  history: Page<AuditEntryResponse>;
  refs: References;
  /** The caller may record inspections and change the status (the API's roles). */
  canInspect: boolean;
  forms: CertificateForms;
  saved?: unknown;
}

export function codeDetailPage(ctx: WebContext, d: CodeDetail): string {
  const { t } = ctx;
  const f = formatsFor(ctx.lang);
  const g = d.area;
  const map = boundaryMap(g.boundary, t('cert.mapTitle', { code: g.code }));
  const plotted = t('cert.plotsSummary', {
    count: d.plots.total,
    plotted: f.hectares(g.plottedHa),
    declared: f.hectares(g.areaHa),
  });
  return layout(
    ctx,
    t('codes.detailTitle', { code: g.code }),
    html`<p><a href="/codes">${t('cert.back')}</a></p>
      ${savedNotice(ctx, d.saved)}
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">${t('cert.facts')}</h2>
        <dl class="facts">
          <dt>${t('cert.col.status')}</dt>
          <dd>${statusTags(ctx, g)}</dd>
          <dt>${t('cert.col.product')}</dt>
          <dd>${d.refs.product(g.productCode)}</dd>
          <dt>${t('cert.col.kind')}</dt>
          <dd>${t(KIND_KEYS[g.kind])}</dd>
          <dt>${t('cert.col.markets')}</dt>
          <dd>${g.markets.length ? g.markets.join(', ') : '—'}</dd>
          <dt>${t('cert.fact.areaDeclared')}</dt>
          <dd>${f.hectares(g.areaHa)}</dd>
          <dt>${t('cert.col.commune')}</dt>
          <dd>${d.refs.commune(g.communeCode)}</dd>
          <dt>${t('cert.fact.cooperative')}</dt>
          <dd>${d.cooperativeName ?? '—'}</dd>
          <dt>${t('cert.fact.issuer')}</dt>
          <dd>${g.issuer}</dd>
          <dt>${t('cert.fact.issuedOn')}</dt>
          <dd>${f.date(g.issuedOn)}</dd>
          <dt>${t('cert.fact.lastInspected')}</dt>
          <dd>${f.date(g.lastInspectedOn)}</dd>
          <dt>${t('cert.fact.nextDue')}</dt>
          <dd>${f.date(g.nextInspectionDue)}</dd>
        </dl>
      </section>
      <section class="card" id="map" aria-labelledby="map-title">
        <h2 id="map-title">${t('cert.map')}</h2>
        ${map ?? html`<p class="muted">${t('cert.noBoundary')}</p>`}
        ${
          g.boundaryAreaHa !== null
            ? html`<p class="muted">${t('cert.fact.boundaryArea')}: ${f.hectares(g.boundaryAreaHa)}</p>`
            : ''
        }
        ${
          g.areaWarning && g.boundaryAreaHa !== null
            ? html`<p class="alert error">
                ${t('cert.areaWarning', { drawn: f.hectares(g.boundaryAreaHa), declared: f.hectares(g.areaHa) })}
              </p>`
            : ''
        }
      </section>
      <section class="card" id="plots" aria-labelledby="plots-title">
        <h2 id="plots-title">${t('cert.plots')}</h2>
        <p>${plotted}</p>
        ${progressBar(g.plottedHa, g.areaHa, plotted)}
      </section>
      ${d.canInspect ? inspectionForm(ctx, `/codes/${g.id}/inspections`, d.forms.inspection) : ''}
      ${d.canInspect ? statusForm(ctx, `/codes/${g.id}/status`, g.status, d.forms.status) : ''}
      ${inspectionsSection(ctx, `/codes/${g.id}`, d.inspections)}
      ${historySection(ctx, `/codes/${g.id}`, d.history)}`,
  );
}
