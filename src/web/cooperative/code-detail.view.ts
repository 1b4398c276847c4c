import type { Page } from '@lienket/http-common';
import type { ForecastResponse, HarvestResponse } from '../../forecasts/dto/forecast.dto';
import type { GrowingAreaResponse } from '../../growing-areas/dto/growing-area.response';
import type { PlotResponse } from '../../growing-areas/dto/plot.response';
import { alert, csrfField, field } from '../form-fields';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { codeTags, productName } from './code-list.view';
import { cell, dateText, dateTimeText, FormState, numberText, valueAt } from './format';
import type { ProductLabel } from './reference-options';

export interface CodeForms {
  plot: FormState;
  forecast: FormState;
  harvest: FormState;
}

export interface CodeDetail {
  code: GrowingAreaResponse;
  products: ReadonlyMap<string, ProductLabel>;
  plots: Page<PlotResponse>;
  /** householdId → head name, for the plots shown and the households offered. */
  names: ReadonlyMap<string, string>;
  householdChoices: Array<{ id: string; headName: string }>;
  householdSearch?: string;
  forecasts: Page<ForecastResponse>;
  harvests: Page<HarvestResponse>;
  forms: CodeForms;
  notice?: string;
}

/** One code of the cooperative: its facts, then plots, forecasts and harvests, each with its add form. */
export function codeDetail(ctx: WebContext, view: CodeDetail): SafeHtml {
  const { t } = ctx;
  const g = view.code;
  const unit = t(view.products.get(g.productCode)?.unit === 'head' ? 'myCodes.unit.head' : 'myCodes.unit.kg');
  const open = g.status !== 'revoked';
  const fact = (label: string, value: SafeHtml | string | number | null | undefined) =>
    html`<dt>${label}</dt>
      <dd>${value ?? '—'}</dd>`;
  return html`${view.notice ? alert(view.notice, 'ok') : ''}
    <p><a href="/my-codes">${t('myCodes.backToList')}</a></p>
    <div class="card">
      <dl class="facts">
        ${fact(t('myCodes.status'), codeTags(ctx, g))}
        ${fact(t('myCodes.product'), productName(ctx, view.products, g.productCode))}
        ${fact(t('myCodes.kind'), t(`myCodes.kind.${g.kind}`))}
        ${g.markets.length ? fact(t('myCodes.markets'), g.markets.join(', ')) : ''}
        ${fact(t('myCodes.area'), numberText(ctx, g.areaHa))}
        ${fact(t('myCodes.plotted'), numberText(ctx, g.plottedHa))} ${fact(t('myCodes.issuer'), g.issuer)}
        ${fact(t('myCodes.issuedOn'), dateText(g.issuedOn))}
        ${fact(t('myCodes.nextInspection'), dateText(g.nextInspectionDue))}
      </dl>
    </div>
    ${open ? '' : alert(t('myCodes.revoked'))}
    <h2 id="plots">${t('myCodes.plots')}</h2>
    ${plotTable(ctx, view)} ${open ? plotForm(ctx, view) : ''}
    <h2 id="forecasts">${t('myCodes.forecasts')}</h2>
    ${forecastTable(ctx, view.forecasts, unit)} ${open ? forecastForm(ctx, g, view.forms.forecast, unit) : ''}
    <h2 id="harvests">${t('myCodes.harvests')}</h2>
    ${harvestTable(ctx, view.harvests, unit)} ${open ? harvestForm(ctx, g, view.forms.harvest, unit) : ''}`;
}

function plotTable(ctx: WebContext, view: CodeDetail): SafeHtml {
  const { t } = ctx;
  const page = view.plots;
  if (!page.items.length) return html`<p class="card">${t('myCodes.noPlots')}</p>`;
  const l = {
    household: t('myCodes.plotHousehold'),
    area: t('myCodes.plotArea'),
    added: t('myCodes.plotAdded'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.household}</th>
            <th scope="col" class="num">${l.area}</th>
            <th scope="col">${l.added}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map((p) => {
            const name = view.names.get(p.householdId);
            return html`<tr>
              ${cell(l.household, name ? html`<a href="/households/${p.householdId}">${name}</a>` : '—')}
              ${cell(l.area, numberText(ctx, p.areaHa), 'num')}
              ${cell(l.added, dateTimeText(ctx, p.createdAt, false))}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total, 'plotPage')}`;
}

/** The household picker: what the live search on the code page answers (X-Partial). */
export function householdChoice(
  ctx: WebContext,
  view: Pick<CodeDetail, 'householdChoices'>,
  state: FormState,
): SafeHtml {
  const { t } = ctx;
  const chosen = valueAt(state.values, 'householdId');
  return html`${field({
    name: 'householdId',
    label: t('myCodes.plotHousehold'),
    type: 'select',
    required: true,
    value: chosen,
    error: state.errors.householdId,
    options: [
      { value: '', label: t('myCodes.choose') },
      ...view.householdChoices.map((h) => ({ value: h.id, label: h.headName })),
    ],
  })}${view.householdChoices.length ? '' : html`<p class="muted">${t('myCodes.noHouseholdFound')}</p>`}`;
}

function plotForm(ctx: WebContext, view: CodeDetail): SafeHtml {
  const { t } = ctx;
  const g = view.code;
  const state = view.forms.plot;
  const free = Math.max(0, g.areaHa - g.plottedHa);
  return html`<div class="card">
    <h3>${t('myCodes.addPlot')}</h3>
    <form method="get" action="/my-codes/${g.id}" data-live="#plot-household" role="search">
      ${field({
        name: 'q',
        label: t('myCodes.findHousehold'),
        type: 'search',
        value: view.householdSearch,
        hint: t('myCodes.findHouseholdHint'),
        attrs: { autocomplete: 'off' },
      })}
      <button type="submit" class="secondary">${t('form.search')}</button>
    </form>
    <form method="post" action="/my-codes/${g.id}/plots" novalidate>
      ${csrfField(ctx.csrf)} ${alert(state.message)}
      <div id="plot-household" aria-live="polite">${householdChoice(ctx, view, state)}</div>
      ${field({
        name: 'areaHa',
        label: t('myCodes.plotArea'),
        type: 'number',
        required: true,
        value: valueAt(state.values, 'areaHa'),
        error: state.errors.areaHa,
        hint: t('myCodes.areaHint', { free: numberText(ctx, free) }),
        attrs: { min: '0.01', step: '0.01', inputmode: 'decimal' },
      })}
      <button type="submit">${t('myCodes.addPlot')}</button>
    </form>
  </div>`;
}

function forecastTable(ctx: WebContext, page: Page<ForecastResponse>, unit: string): SafeHtml {
  const { t } = ctx;
  if (!page.items.length) return html`<p class="card">${t('myCodes.noForecasts')}</p>`;
  const l = {
    from: t('myCodes.periodStart'),
    to: t('myCodes.periodEnd'),
    volume: t('myCodes.volume', { unit }),
    harvested: t('myCodes.harvested', { unit }),
    warning: t('myCodes.warning'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.from}</th>
            <th scope="col">${l.to}</th>
            <th scope="col" class="num">${l.volume}</th>
            <th scope="col" class="num">${l.harvested}</th>
            <th scope="col">${l.warning}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (f) =>
              html`<tr>
                ${cell(l.from, dateText(f.periodStart))} ${cell(l.to, dateText(f.periodEnd))}
                ${cell(l.volume, numberText(ctx, f.volume), 'num')}
                ${cell(l.harvested, numberText(ctx, f.harvestedVolume), 'num')} ${cell(l.warning, f.warning)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total, 'forecastPage')}`;
}

function forecastForm(ctx: WebContext, g: GrowingAreaResponse, state: FormState, unit: string): SafeHtml {
  const { t } = ctx;
  const v = (name: string) => valueAt(state.values, name);
  return html`<form method="post" action="/my-codes/${g.id}/forecasts" class="card" novalidate>
    <h3>${t('myCodes.addForecast')}</h3>
    ${csrfField(ctx.csrf)} ${alert(state.message)}
    <input type="hidden" name="productCode" value="${g.productCode}" />
    ${field({
      name: 'periodStart',
      label: t('myCodes.periodStart'),
      type: 'date',
      required: true,
      value: v('periodStart'),
      error: state.errors.periodStart,
    })}
    ${field({
      name: 'periodEnd',
      label: t('myCodes.periodEnd'),
      type: 'date',
      required: true,
      value: v('periodEnd'),
      error: state.errors.periodEnd,
    })}
    ${field({
      name: 'volume',
      label: t('myCodes.volume', { unit }),
      type: 'number',
      required: true,
      value: v('volume'),
      error: state.errors.volume ?? state.errors.productCode,
      attrs: { min: '0.01', step: '0.01', inputmode: 'decimal' },
    })}
    <button type="submit">${t('myCodes.addForecast')}</button>
  </form>`;
}

function harvestTable(ctx: WebContext, page: Page<HarvestResponse>, unit: string): SafeHtml {
  const { t } = ctx;
  if (!page.items.length) return html`<p class="card">${t('myCodes.noHarvests')}</p>`;
  const l = { on: t('myCodes.harvestedOn'), volume: t('myCodes.volume', { unit }) };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.on}</th>
            <th scope="col" class="num">${l.volume}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (h) =>
              html`<tr>
                ${cell(l.on, dateText(h.harvestedOn))} ${cell(l.volume, numberText(ctx, h.volume), 'num')}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total, 'harvestPage')}`;
}

function harvestForm(ctx: WebContext, g: GrowingAreaResponse, state: FormState, unit: string): SafeHtml {
  const { t } = ctx;
  const v = (name: string) => valueAt(state.values, name);
  return html`<form method="post" action="/my-codes/${g.id}/harvests" class="card" novalidate>
    <h3>${t('myCodes.addHarvest')}</h3>
    ${csrfField(ctx.csrf)} ${alert(state.message)}
    ${field({
      name: 'harvestedOn',
      label: t('myCodes.harvestedOn'),
      type: 'date',
      required: true,
      value: v('harvestedOn'),
      error: state.errors.harvestedOn,
    })}
    ${field({
      name: 'volume',
      id: 'f-harvest-volume',
      label: t('myCodes.volume', { unit }),
      type: 'number',
      required: true,
      value: v('volume'),
      error: state.errors.volume,
      attrs: { min: '0.01', step: '0.01', inputmode: 'decimal' },
    })}
    <button type="submit">${t('myCodes.addHarvest')}</button>
  </form>`;
}
