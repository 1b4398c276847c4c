import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { NextFunction, Request, Response } from 'express';

/**
 * The first path segments of the pages: they live at `/`, outside the API's /api/v1 prefix. A page
 * controller under a new segment adds it here.
 */
export const WEB_SECTIONS = ['home', 'login', 'logout', 'lang', 'inbox'] as const;

export const WEB_PREFIX_EXCLUSIONS: RouteInfo[] = [
  ...WEB_SECTIONS.flatMap((section) => [
    { path: section, method: RequestMethod.ALL },
    { path: `${section}/{*rest}`, method: RequestMethod.ALL },
  ]),
];

/** `/` is the site's front door: /home sends each person to their role's first page. */
export function rootToHome(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) res.redirect(303, '/home');
  else next();
}
