import { INestApplication, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { RequestHandler, static as serveStatic } from 'express';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { bodyParsers, createValidationPipe } from '@lienket/http-common';
import type { Env } from './config/env';
import { PinoLoggerService } from './logging/pino-logger.service';
import { requestLogging } from './logging/request-logging';
import { securityHeaders } from './security-headers';
import { rootToHome, routePages, WEB_PREFIX_EXCLUSIONS } from './web/web-routes';

export const API_PREFIX = 'api/v1';

const notStored: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** Everything main.ts and the tests share: logging, body limits, prefix, validation, OpenAPI. */
export function configureApp(app: INestApplication, logger: PinoLoggerService): INestApplication {
  const config = app.get<ConfigService<Env, true>>(ConfigService);
  app.useLogger(logger);
  // Client addresses (login throttling, logs) come from X-Forwarded-For only when a trusted proxy sent it.
  app
    .getHttpAdapter()
    .getInstance()
    .set('trust proxy', config.get('TRUST_PROXY', { infer: true }));
  (app.getHttpServer() as Server).keepAliveTimeout = config.get('KEEP_ALIVE_TIMEOUT_MS', { infer: true });
  app.use(requestLogging(logger.root));
  app.use(securityHeaders());
  // API answers carry personal data and change with every write: never stored by a browser or a
  // proxy. Nothing is revalidated either, so no ETag (Express hashed every JSON body for one: a
  // twentieth of a household search's API time). Static assets keep serve-static's own ETags.
  app.getHttpAdapter().getInstance().set('etag', false);
  app.use(`/${API_PREFIX}`, notStored);
  // Cross-origin browser calls only from the origins named in CORS_ORIGINS (none by default).
  const corsOrigins = config.get('CORS_ORIGINS', { infer: true });
  if (corsOrigins)
    app.enableCors({ origin: corsOrigins.split(',').map((o) => o.trim()), credentials: false });
  // Slow links: every text answer (pages, JSON, exports) is compressed.
  app.use(compression());
  app.use(rootToHome);
  app.use(routePages);
  app.use('/assets', serveStatic(join(__dirname, 'web', 'assets'), { maxAge: '1d', fallthrough: false }));
  for (const handler of bodyParsers(config.get('BODY_LIMIT', { infer: true }))) app.use(handler);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'health', method: RequestMethod.GET }, ...WEB_PREFIX_EXCLUSIONS],
  });
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Liên Kết API')
      .setDescription(
        'Value-chain programmes (NTP 1719) for Lạng Sơn: households, cooperatives, enterprises, growing-area codes, ' +
          'packing facilities, contracts, supply. Errors answer {statusCode, error, message, details?}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
