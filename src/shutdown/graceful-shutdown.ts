import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { InFlightRequests } from './in-flight-requests';

const GRACE_MS = 10_000;

/**
 * Stop accepting connections, let the requests in flight finish (idle keep-alive sockets are
 * closed at once, busy ones after `graceMs` at the latest), and only then close the application —
 * database pool included. Nest's own shutdown hooks close the pool first, so a deploy would answer
 * the requests in flight with 500s. The server closes once its last connection does, but a client
 * that hung up leaves its handler running: the pool waits for those handlers too (same deadline).
 */
export async function shutDownGracefully(
  app: INestApplication,
  graceMs = GRACE_MS,
): Promise<{ handlersLeft: number }> {
  const server = app.getHttpServer() as Server;
  const inFlight = app.get(InFlightRequests);
  const deadline = Date.now() + graceMs;
  const closeBusy = setTimeout(() => server.closeAllConnections(), graceMs);
  closeBusy.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  clearTimeout(closeBusy);
  await inFlight.drained(Math.max(0, deadline - Date.now()));
  const handlersLeft = inFlight.count;
  await app.close();
  return { handlersLeft };
}

/** On SIGTERM or SIGINT: shutDownGracefully, then exit. */
export function closeGracefully(app: INestApplication, logger: LoggerService): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing the requests in flight, then closing`, 'Shutdown');
    shutDownGracefully(app).then(
      ({ handlersLeft }) => {
        if (handlersLeft)
          logger.warn(`${handlersLeft} request(s) still running after ${GRACE_MS} ms`, 'Shutdown');
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`closing failed: ${error.message}`, error.stack, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
