import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { NextFunction, Request, Response } from 'express';

/**
 * The first path segments of the pages: they live at `/`, outside the API's /api/v1 prefix (a
 * segment may also be an API path: /households is a page, /api/v1/households the API). A page
 * controller under a new segment adds it here.
 */
export const WEB_SECTIONS = [
  'home',
  'login',
  'logout',
  'lang',
  'inbox',
  'supply',
  'contracts',
  'households',
  'cooperatives',
  'my-codes',
  'imports',
  'dashboard',
  'codes',
  'facilities',
  'value-chains',
  'duplicates',
] as const;

/**
 * Where the pages' controllers are mounted inside the app (WebModule's RouterModule path). Nest's
 * prefix exclusions match paths, not controllers: excluding `households` would also move the API's
 * /api/v1/households to /households. So the pages live under this mount, the only path excluded
 * from /api/v1, and `routePages` sends /households… there.
 */
export const WEB_MOUNT = '_web';

export const WEB_PREFIX_EXCLUSIONS: RouteInfo[] = [
  { path: WEB_MOUNT, method: RequestMethod.ALL },
  { path: `${WEB_MOUNT}/{*rest}`, method: RequestMethod.ALL },
];

const SECTIONS: ReadonlySet<string> = new Set(WEB_SECTIONS);

/** A request for a page (its first segment is a section) goes to the pages' mount; req.originalUrl keeps the address. */
export function routePages(req: Request, _res: Response, next: NextFunction): void {
  if (SECTIONS.has(req.url.split(/[/?#]/)[1])) req.url = `/${WEB_MOUNT}${req.url}`;
  next();
}

/** `/` is the site's front door: /home sends each person to their role's first page. */
export function rootToHome(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) res.redirect(303, '/home');
  else next();
}
