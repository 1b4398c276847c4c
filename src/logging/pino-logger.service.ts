import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger } from 'pino';

/** Holds the per-request child logger (with its request id) for everything logged during the request. */
export const requestLoggerStorage = new AsyncLocalStorage<Logger>();

/**
 * Nest's LoggerService over pino. Inside a request, lines carry that request's id.
 * (nestjs-pino does the same but its current major requires Node 22.)
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly root: Logger) {}

  static create(level: string): PinoLoggerService {
    return new PinoLoggerService(
      pino({ level, base: { app: 'lienket' }, timestamp: pino.stdTimeFunctions.isoTime }),
    );
  }

  private current(): Logger {
    return requestLoggerStorage.getStore() ?? this.root;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (class name) last, and for errors a stack before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    const fields = { context, ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.current()[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.current()[level]({ ...fields, ...message });
    else this.current()[level](fields, String(message));
  }
}
