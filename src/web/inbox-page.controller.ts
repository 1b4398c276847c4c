import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotificationsService } from '../notifications/notifications.service';
import { html } from './html';
import { csrfField } from './form-fields';
import { layout } from './layout';
import { Page } from './page.decorator';
import { pageParam, pager } from './pager';
import type { WebRequest } from './web-context';

const LIMIT = 20;

/** Everyone's inbox: the API's notifications, newest first, unread marked. */
@Controller('inbox')
export class InboxPageController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Page()
  async inbox(
    @Req() req: WebRequest,
    @Query('page') pageQuery?: string,
    @Query('unread') unread?: string,
  ): Promise<string> {
    const ctx = req.web!;
    const { t } = ctx;
    const page = pageParam(pageQuery);
    const onlyUnread = unread === '1';
    const result = await this.notifications.inbox(ctx.actor, {
      page,
      limit: LIMIT,
      unread: onlyUnread,
      sort: '-createdAt',
    } as Parameters<NotificationsService['inbox']>[1]);
    const when = new Intl.DateTimeFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    return layout(
      ctx,
      t('inbox.title'),
      html`<p><strong>${t('inbox.unread', { count: result.unreadCount })}</strong></p>
        <div class="actions">
          <a class="button secondary" href="/inbox${onlyUnread ? '' : '?unread=1'}"
            >${onlyUnread ? t('inbox.all') : t('inbox.onlyUnread')}</a
          >
          ${
            result.unreadCount > 0 &&
            html`<form method="post" action="/inbox/read-all">
              ${csrfField(ctx.csrf)}<button class="secondary">${t('inbox.markAllRead')}</button>
            </form>`
          }
        </div>
        ${
          result.items.length === 0
            ? html`<p class="card">${t('inbox.empty')}</p>`
            : html`<ul class="inbox" style="list-style:none;padding:0;margin:0">
                ${result.items.map(
                  (n) =>
                    html`<li class="card${n.readAt ? '' : ' unread'}">
                      <strong
                        >${n.readAt ? '' : html`<span class="badge" aria-hidden="true">•</span> `}${n.title}</strong
                      >
                      <p style="margin:.3rem 0">${n.body}</p>
                      <p class="muted" style="margin:0">
                        ${when.format(new Date(n.createdAt))}${
                          n.readAt
                            ? html` · ${t('inbox.read')}`
                            : html` ·
                                <form method="post" action="/inbox/${n.id}/read" style="display:inline">
                                  ${csrfField(ctx.csrf)}<button class="link">${t('inbox.markRead')}</button>
                                </form>`
                        }
                      </p>
                    </li>`,
                )}
              </ul>`
        }
        ${pager(ctx, page, LIMIT, result.total)}`,
    );
  }

  @Post('read-all')
  @Page()
  async readAll(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.notifications.markAllRead(req.web!.actor);
    res.redirect(303, '/inbox');
  }

  @Post(':id/read')
  @Page()
  async read(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.notifications.markRead(req.web!.actor, id);
    res.redirect(303, '/inbox');
  }
}
