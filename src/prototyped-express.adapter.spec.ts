import 'reflect-metadata';
import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
  Injectable,
  Logger,
  Module,
  NestInterceptor,
  Query,
} from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { Express } from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Observable } from 'rxjs';
import request from 'supertest';
import { PinoLoggerService } from './logging/pino-logger.service';
import { requestLogging } from './logging/request-logging';
import { PrototypedExpressAdapter } from './prototyped-express.adapter';

@Injectable()
class PassThrough implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

@Controller('probe')
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Get()
  async probe(@Query('q') q: string): Promise<{ q: string }> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log(`handled ${q}`);
    return { q };
  }
}

@Module({ controllers: [ProbeController], providers: [{ provide: APP_INTERCEPTOR, useClass: PassThrough }] })
class ProbeModule {}

describe('PrototypedExpressAdapter', () => {
  let app: INestApplication;
  const lines: Array<Record<string, unknown>> = [];
  const prototypes: Array<{ request: boolean; response: boolean }> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = new PinoLoggerService(pino({ level: 'info' }, sink));
    app = await NestFactory.create(ProbeModule, new PrototypedExpressAdapter(), { logger });
    app.use(requestLogging(logger.root));
    await app.init();
    const express = app.getHttpAdapter().getInstance() as Express;
    // Before Express runs: the request and response must already carry Express's prototypes.
    app.getHttpServer().prependListener('request', (req: object, res: object) =>
      prototypes.push({
        request: Object.getPrototypeOf(req) === express.request,
        response: Object.getPrototypeOf(res) === express.response,
      }),
    );
  });

  afterAll(() => app.close());

  it('has Node build requests and responses with Express’s prototypes, and Express still works', async () => {
    const res = await request(app.getHttpServer()).get('/probe?q=h%C3%A0').expect(200);
    expect(res.body).toEqual({ q: 'hà' });
    expect(prototypes).toEqual([{ request: true, response: true }]);
  });

  it('keeps the request’s logger through a global interceptor and an await (AsyncLocalStorage)', async () => {
    const ids = ['probe-a', 'probe-b'];
    await Promise.all(
      ids.map((id) => request(app.getHttpServer()).get(`/probe?q=${id}`).set('X-Request-Id', id).expect(200)),
    );
    for (const id of ids) {
      const handled = lines.find((line) => line.msg === `handled ${id}`);
      expect(handled).toMatchObject({ context: 'Probe', req: { id } });
    }
  });
});
