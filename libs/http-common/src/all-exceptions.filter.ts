import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { EntityNotFoundError } from 'typeorm';
import { constraintViolation, duplicatedKey, nullColumn } from './database-errors';
import { ErrorBody, FieldError } from './error-body';

/** Shapes every error into {statusCode, error, message, details?}; only real bugs become 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof EntityNotFoundError) return body(HttpStatus.NOT_FOUND, 'Not found');
    switch (constraintViolation(exception)) {
      case 'unique': {
        const key = duplicatedKey(exception);
        return body(HttpStatus.CONFLICT, key ? `Duplicate value for ${key}` : 'Duplicate value');
      }
      case 'foreign-key-missing':
        return body(HttpStatus.UNPROCESSABLE_ENTITY, 'A referenced record does not exist');
      case 'foreign-key-referenced':
        return body(HttpStatus.CONFLICT, 'The record is still referenced by other records');
      case 'not-null': {
        // Optional-in-PATCH fields still may not be cleared with null when the column requires a value.
        const field = nullColumn(exception) ?? 'a required field';
        return body(HttpStatus.BAD_REQUEST, 'Validation failed', [
          { field, message: `${field} may not be null` },
        ]);
      }
    }
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}

function body(statusCode: number, message: string, details?: FieldError[]): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const raw = exception.getResponse();
  if (typeof raw === 'string') return body(status, raw);
  // Extra fields an exception chose to carry (e.g. the conflicting records of a 409) pass through.
  const {
    message: rawMessage,
    details,
    statusCode: _status,
    error: _error,
    ...extra
  } = raw as Record<string, unknown>;
  const message = Array.isArray(rawMessage) ? rawMessage.join('; ') : String(rawMessage ?? exception.message);
  return { ...body(status, message, details as FieldError[] | undefined), ...extra };
}
