import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';

const GRACE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests in flight finish (idle
 * keep-alive sockets are closed at once, busy ones after GRACE_MS at the latest), and only then
 * close the application — database pool included. Nest's own shutdown hooks close the pool first,
 * so a deploy would answer the requests in flight with 500s.
 */
export function closeGracefully(app: INestApplication, logger: LoggerService): void {
  const server = app.getHttpServer() as Server;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing the requests in flight, then closing`, 'Shutdown');
    setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
    server.close(() => {
      void app.close().then(
        () => process.exit(0),
        (error: Error) => {
          logger.error(`closing failed: ${error.message}`, error.stack, 'Shutdown');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
