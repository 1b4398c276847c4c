import type { ErrorRequestHandler, RequestHandler } from 'express';
import { json, urlencoded } from 'express';
import { STATUS_CODES } from 'node:http';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
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
  return [json({ limit }), urlencoded({ extended: false, limit }), shapeErrors];
}
