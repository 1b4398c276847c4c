import type { Page } from '@lienket/http-common';
import type { CooperativeResponse } from '../../cooperatives/dto/cooperative.response';
import { MEMBER_ROLES } from '../../memberships/cooperative-member.entity';
import type { MemberResponse } from '../../memberships/dto/member.response';
import { alert, csrfField, field } from '../form-fields';
import { html, SafeHtml } from '../html';
import { pager } from '../pager';
import type { WebContext } from '../web-context';
import { cell, dateText, FormState, valueAt } from './format';

/** Officials' way in: the cooperatives in their scope, searched by name as they type. */
export function cooperativeSearchForm(ctx: WebContext, search: string | undefined): SafeHtml {
  return html`<form
    class="inline card"
    method="get"
    action="/cooperatives"
    data-live="#results"
    role="search"
  >
    ${field({
      name: 'search',
      label: ctx.t('members.searchCooperative'),
      type: 'search',
      value: search,
      attrs: { autocomplete: 'off' },
    })}
    <button type="submit">${ctx.t('form.search')}</button>
  </form>`;
}

export function cooperativeResults(
  ctx: WebContext,
  page: Page<CooperativeResponse>,
  communes: ReadonlyMap<string, string>,
): SafeHtml {
  const { t } = ctx;
  if (!page.items.length) return html`<p class="card">${t('members.noCooperatives')}</p>`;
  const l = {
    name: t('members.cooperativeName'),
    tax: t('members.taxCode'),
    commune: t('households.commune'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.name}</th>
            <th scope="col">${l.tax}</th>
            <th scope="col">${l.commune}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (c) =>
              html`<tr>
                ${cell(l.name, html`<a href="/cooperatives/${c.id}/members">${c.name}</a>`)}
                ${cell(l.tax, c.taxCode)} ${cell(l.commune, communes.get(c.communeCode) ?? c.communeCode)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}

export interface MembersPage {
  cooperative: CooperativeResponse;
  members: Page<MemberResponse>;
  includeFormer: boolean;
  communes: ReadonlyMap<string, string>;
  add: FormState;
  notice?: string;
}

/** One cooperative's members: the list (current, or with former ones), leave buttons, the add form. */
export function membersPage(ctx: WebContext, view: MembersPage): SafeHtml {
  const { t } = ctx;
  const id = view.cooperative.id;
  const toggle = view.includeFormer
    ? html`<a class="button secondary" href="/cooperatives/${id}/members">${t('members.onlyCurrent')}</a>`
    : html`<a class="button secondary" href="/cooperatives/${id}/members?includeFormer=true"
        >${t('members.includeFormer')}</a
      >`;
  const own = ctx.actor.role === 'cooperative';
  return html`${view.notice ? alert(view.notice, 'ok') : ''}
    <div class="actions">
      ${toggle}
      <a class="button secondary" href="/households/new${own ? '' : `?cooperativeId=${id}`}"
        >${t('members.registerHere')}</a
      >
      <a class="button secondary" href="/imports/households${own ? '' : `?cooperativeId=${id}`}"
        >${t('members.importHere')}</a
      >
    </div>
    ${memberTable(ctx, view)} ${addMemberForm(ctx, id, view.add)}`;
}

function memberTable(ctx: WebContext, view: MembersPage): SafeHtml {
  const { t } = ctx;
  const page = view.members;
  if (!page.items.length) return html`<p class="card">${t('members.empty')}</p>`;
  const l = {
    name: t('members.headName'),
    village: t('households.village'),
    commune: t('households.commune'),
    role: t('members.role'),
    joined: t('members.joinedOn'),
    left: t('members.leftOn'),
    actions: t('members.actions'),
  };
  return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${l.name}</th>
            <th scope="col">${l.village}</th>
            <th scope="col">${l.commune}</th>
            <th scope="col">${l.role}</th>
            <th scope="col">${l.joined}</th>
            <th scope="col">${l.left}</th>
            <th scope="col">${l.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map((m) => {
            const current = !m.leftOn;
            return html`<tr>
              ${cell(l.name, current ? html`<a href="/households/${m.householdId}">${m.headName}</a>` : m.headName)}
              ${cell(l.village, m.village)}
              ${cell(l.commune, view.communes.get(m.communeCode) ?? m.communeCode)}
              ${cell(l.role, t(`members.role.${m.role}`))} ${cell(l.joined, dateText(m.joinedOn))}
              ${cell(l.left, current ? t('members.current') : dateText(m.leftOn))}
              ${cell(
                l.actions,
                current
                  ? html`<form
                      method="post"
                      action="/cooperatives/${view.cooperative.id}/members/${m.householdId}/leave"
                      class="inline"
                      data-confirm="${t('members.confirmLeave', { name: m.headName })}"
                    >
                      ${csrfField(ctx.csrf)}
                      <button class="secondary" aria-label="${t('members.leave')}: ${m.headName}">
                        ${t('members.leave')}
                      </button>
                    </form>`
                  : '',
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${pager(ctx, page.page, page.limit, page.total)}`;
}

function addMemberForm(ctx: WebContext, cooperativeId: string, state: FormState): SafeHtml {
  const { t } = ctx;
  const v = (name: string) => valueAt(state.values, name);
  return html`<h2 id="add-member">${t('members.add')}</h2>
    <form method="post" action="/cooperatives/${cooperativeId}/members#add-member" class="card" novalidate>
      ${csrfField(ctx.csrf)}
      <p class="muted">${t('members.addHint')}</p>
      ${alert(state.message)}
      ${field({
        name: 'nationalId',
        label: t('members.nationalId'),
        value: v('nationalId'),
        error: state.errors.nationalId ?? state.errors.householdId,
        required: true,
        hint: t('households.hint.nationalId'),
        attrs: { inputmode: 'numeric', maxlength: '12', autocomplete: 'off' },
      })}
      ${field({
        name: 'role',
        label: t('members.role'),
        type: 'select',
        value: v('role') ?? 'member',
        error: state.errors.role,
        options: MEMBER_ROLES.map((r) => ({ value: r, label: t(`members.role.${r}`) })),
      })}
      ${field({
        name: 'joinedOn',
        label: t('members.joinedOn'),
        type: 'date',
        value: v('joinedOn'),
        error: state.errors.joinedOn,
        hint: t('members.joinedOnHint'),
      })}
      <button type="submit">${t('members.submitAdd')}</button>
    </form>`;
}
