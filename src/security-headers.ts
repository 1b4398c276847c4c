import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet). The pages load only this site's own script and styles;
 * inline style attributes stay allowed for the server-drawn charts and maps. Swagger UI (/docs)
 * runs inline scripts of its own, so it gets helmet without a content security policy.
 */
export function securityHeaders(): RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  const docs = helmet({ contentSecurityPolicy: false });
  return (req, res, next) => (req.path.startsWith('/docs') ? docs : strict)(req, res, next);
}
