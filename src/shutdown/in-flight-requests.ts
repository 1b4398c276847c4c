import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, Observable } from 'rxjs';

/**
 * Counts the route handlers running. The HTTP server only knows its connections: a client that
 * hangs up leaves its request's handler running, still using the database, after the server has
 * closed (see graceful-shutdown.ts). The outermost interceptor (AppModule), so a request counts until
 * what the other interceptors do after its handler (idempotency records) is done too.
 */
@Injectable()
export class InFlightRequests implements NestInterceptor {
  private running = 0;
  private waiting: Array<() => void> = [];

  get count(): number {
    return this.running;
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.running++;
    return next.handle().pipe(finalize(() => this.finished()));
  }

  /** Resolves once no handler runs, or when `timeoutMs` has passed (`count` tells which). */
  drained(timeoutMs: number): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private finished(): void {
    if (--this.running > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
