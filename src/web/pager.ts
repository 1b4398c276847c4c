import { html, SafeHtml } from './html';
import type { WebContext } from './web-context';

/**
 * Previous / next links keeping the page's other query parameters; `param` names the page number
 * when one page holds several lists.
 */
export function pager(ctx: WebContext, page: number, limit: number, total: number, param = 'page'): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / limit));
  const url = new URL(ctx.path, 'http://x');
  const link = (p: number) => {
    url.searchParams.set(param, String(p));
    return url.pathname + url.search;
  };
  return html`<nav class="pager" aria-label="${ctx.t('list.page', { page, pages })}">
    <span>${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">${ctx.t('list.previous')}</a>` : ''}</span>
    <span class="muted"
      >${ctx.t('list.page', { page, pages })} · ${ctx.t('list.total', { count: total })}</span
    >
    <span>${page < pages ? html`<a href="${link(page + 1)}" rel="next">${ctx.t('list.next')}</a>` : ''}</span>
  </nav>`;
}

/** The page number asked for in the query: a positive integer, else 1. */
export const pageParam = (value: unknown): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
};
