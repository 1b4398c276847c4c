import type { Page } from '@lienket/http-common';
import type { HouseholdResponse } from '../../households/dto/household.response';
import type { HouseholdMembershipResponse } from '../../memberships/dto/member.response';
import type { SupportResponse } from '../../support/dto/support.response';
import { html, SafeHtml } from '../html';
import type { WebContext } from '../web-context';
import { cell, dateText, dateTimeText, numberText } from './format';
import type { ListReferences } from './household-list.view';

export interface HouseholdDetail {
  household: HouseholdResponse;
  memberships: HouseholdMembershipResponse[];
  support: Page<SupportResponse>;
}

/** Everything the API gives the caller about one household, with its memberships and support. */
export function householdDetail(ctx: WebContext, detail: HouseholdDetail, refs: ListReferences): SafeHtml {
  const { t } = ctx;
  const h = detail.household;
  const fact = (label: string, value: SafeHtml | string | number | null | undefined) =>
    html`<dt>${label}</dt>
      <dd>${value ?? '—'}</dd>`;
  return html`<div class="actions">
      <a class="button" href="/households/${h.id}/edit">${t('households.editThis')}</a>
      <a class="button secondary" href="/households">${t('households.backToList')}</a>
    </div>
    <div class="card">
      <dl class="facts">
        ${fact(t('households.nationalId'), h.nationalId)}
        ${fact(t('households.gender'), t(`households.gender.${h.gender}`))}
        ${fact(t('households.birthYear'), h.birthYear)} ${fact(t('households.ethnicity'), h.ethnicityName)}
        ${fact(t('households.phone'), h.phone)}
        ${fact(t('households.commune'), refs.communes.names.get(h.communeCode) ?? h.communeCode)}
        ${fact(t('households.village'), h.village)} ${fact(t('households.memberCount'), h.memberCount)}
        ${fact(t('households.povertyStatus'), t(`households.poverty.${h.povertyStatus}`))}
        ${fact(t('households.povertyAssessedYear'), h.povertyAssessedYear)}
        ${fact(
          t('households.consent'),
          h.consent ? `${dateText(h.consent.givenOn)} · ${h.consent.scope}` : t('households.noConsent'),
        )}
        ${fact(t('households.updatedAt'), dateTimeText(ctx, h.updatedAt))}
      </dl>
    </div>
    <h2>${t('households.memberships')}</h2>
    ${memberships(ctx, detail.memberships)}
    <h2>${t('households.support')}</h2>
    ${support(ctx, detail.support)}`;
}

function memberships(ctx: WebContext, rows: HouseholdMembershipResponse[]): SafeHtml {
  const { t } = ctx;
  if (!rows.length) return html`<p class="card">${t('households.noMemberships')}</p>`;
  const l = {
    coop: t('households.cooperative'),
    role: t('members.role'),
    joined: t('members.joinedOn'),
    left: t('members.leftOn'),
  };
  return html`<div class="table-wrap">
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">${l.coop}</th>
          <th scope="col">${l.role}</th>
          <th scope="col">${l.joined}</th>
          <th scope="col">${l.left}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (m) =>
            html`<tr>
              ${cell(l.coop, html`<a href="/cooperatives/${m.cooperativeId}/members">${m.cooperativeName}</a>`)}
              ${cell(l.role, t(`members.role.${m.role}`))} ${cell(l.joined, dateText(m.joinedOn))}
              ${cell(l.left, m.leftOn ? dateText(m.leftOn) : t('members.current'))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function support(ctx: WebContext, page: Page<SupportResponse>): SafeHtml {
  const { t } = ctx;
  if (!page.items.length) return html`<p class="card">${t('households.noSupport')}</p>`;
  const l = {
    date: t('households.supportDate'),
    programme: t('households.supportProgramme'),
    kind: t('households.supportKind'),
    value: t('households.supportValue'),
    reference: t('households.supportReference'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.date}</th>
            <th scope="col">${l.programme}</th>
            <th scope="col">${l.kind}</th>
            <th scope="col" class="num">${l.value}</th>
            <th scope="col">${l.reference}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (s) =>
              html`<tr>
                ${cell(l.date, dateText(s.supportedOn))}
                ${cell(l.programme, t(`households.programme.${s.programme}`))}
                ${cell(l.kind, t(`households.supportKind.${s.kind}`))}
                ${cell(l.value, numberText(ctx, s.valueVnd, 0), 'num')} ${cell(l.reference, s.reference)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      page.total > page.items.length
        ? html`<p class="muted">
            ${t('households.moreSupport', { shown: page.items.length, total: page.total })}
          </p>`
        : ''
    }`;
}
