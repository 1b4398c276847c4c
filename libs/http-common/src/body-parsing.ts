import type { ErrorRequestHandler, RequestHandler } from 'express';
import { json, urlencoded } from 'express';
import { STATUS_CODES } from 'node:http';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Deeper than any request of the API (a GeoJSON multipolygon is 6 levels): refused before validation. */
export const MAX_BODY_DEPTH = 32;
/** Wider than any request object of the API: refused before class-transformer, which slows down on wide objects. */
export const MAX_BODY_FIELDS = 1000;

/** With the u flag, only a surrogate without its pair matches: JSON may escape one, UTF-8 cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why a parsed body is refused, or null. Walked with an explicit stack: the validation pipe
 * recurses and a 10,000-level body overflowed the call stack (500). A lone surrogate made
 * validator.js's isEmail throw (500) and would be stored as replacement characters.
 */
export function bodyShapeRefusal(body: unknown): string | null {
  const stack: Array<[unknown, number]> = [[body, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value))
      return 'Request body holds text that is not valid Unicode (a lone surrogate)';
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) return `Request body is nested deeper than ${MAX_BODY_DEPTH} levels`;
    const keys = Array.isArray(value) ? [] : Object.keys(value);
    if (keys.length > MAX_BODY_FIELDS)
      return `An object in the request body has more than ${MAX_BODY_FIELDS} fields`;
    for (const key of keys) stack.push([key, depth]);
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}

/** JSON and form parsers with a size limit, followed by the handler that shapes their errors. */
export function bodyParsers(limit: string): Array<RequestHandler | ErrorRequestHandler> {
  const shapeErrors: ErrorRequestHandler = (err: BodyParserError, _req, res, next) => {
    const status = err.type === 'entity.too.large' ? 413 : err.status && err.status < 500 ? err.status : 0;
    if (!status) return next(err);
    const message =
      err.type === 'entity.too.large'
        ? `Request body is larger than the limit of ${limit}`
        : err.type === 'entity.parse.failed'
          ? 'Malformed JSON in request body'
          : 'Unreadable request body';
    res.status(status).json({ statusCode: status, error: STATUS_CODES[status], message });
  };
  const checkShape: RequestHandler = (req, res, next) => {
    const refusal = bodyShapeRefusal(req.body);
    if (!refusal) return next();
    res.status(400).json({ statusCode: 400, error: STATUS_CODES[400], message: refusal });
  };
  return [json({ limit }), urlencoded({ extended: false, limit }), shapeErrors, checkShape];
}
