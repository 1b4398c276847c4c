import { html, SafeHtml } from './html';
import type { WebContext } from './web-context';
import { NAV } from './nav';

/** The frame's view of a request: signed-in pages have all of WebContext, the login page less. */
export type Frame = Pick<WebContext, 'lang' | 't' | 'path'> &
  Partial<Pick<WebContext, 'actor' | 'csrf' | 'unreadCount'>>;

/** A whole page: head, header with the menu and language switch, the main content. */
export function layout(frame: Frame, title: string, main: SafeHtml): string {
  const { t, actor } = frame;
  const other = frame.lang === 'vi' ? 'en' : 'vi';
  const menu = actor ? NAV.filter((item) => item.roles.includes(actor.role)) : [];
  return (
    '<!doctype html>' +
    html`<html lang="${frame.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — ${t('app.name')}</title>
        ${frame.csrf ? html`<meta name="csrf-token" content="${frame.csrf}" />` : ''}
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t('nav.skip')}</a>
        <header class="top">
          <a class="brand" href="/">${t('app.name')}</a>
          ${
            actor &&
            html`<details class="menu">
                <summary>
                  ${t('nav.menu')}${frame.unreadCount ? html` <span class="badge">${frame.unreadCount}</span>` : ''}
                </summary>
                <nav aria-label="${t('nav.menu')}">
                  <ul>
                    ${menu.map(
                      (item) =>
                        html`<li>
                          <a
                            href="${item.href}"
                            ${frame.path.split('?')[0] === item.href ? html` aria-current="page"` : ''}
                            >${t(item.label)}${
                              item.href === '/inbox' && frame.unreadCount
                                ? html` <span class="badge" data-unread>${frame.unreadCount}</span>`
                                : ''
                            }</a
                          >
                        </li>`,
                    )}
                    <li>
                      <form method="post" action="/logout">
                        <input type="hidden" name="_csrf" value="${frame.csrf}" /><button class="link">
                          ${t('nav.logout')}
                        </button>
                      </form>
                    </li>
                  </ul>
                </nav>
              </details>
              <span class="who">${actor.username} · ${t(`role.${actor.role}`)}</span>`
          }
          <a class="lang" href="/lang/${other}?next=${encodeURIComponent(frame.path)}" hreflang="${other}"
            >${t('lang.switch')}</a
          >
        </header>
        <main id="main">
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html>`.value
  );
}
