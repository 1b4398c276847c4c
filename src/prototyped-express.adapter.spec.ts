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
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
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
  const exchanges: Array<[object, object]> = [];
  const closed: Array<Promise<unknown>> = [];

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
    app.getHttpServer().on('request', (req: object, res: ServerResponse) => {
      exchanges.push([req, res]);
      closed.push(new Promise((resolve) => res.once('close', resolve)));
    });
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

  it('builds every request and response with the same hidden class, not a new one each time', async () => {
    // V8 caches the hidden class of `new F` for a plain function or a derived class only; built any
    // other way (Reflect.construct with a new.target, setPrototypeOf), each object gets its own:
    // new maps in the old generation on every request, and megamorphic property reads on req/res.
    setFlagsFromString('--allow-natives-syntax');
    // On a loaded machine two consecutive exchanges now and then differ in map anyway (about 1 run in
    // 15, with equal keys, key order and value types: a map V8 had not brought up to date yet).
    // Objects built each with a map of their own never share one, so some consecutive pair must.
    const sameMap = new Function(
      'a',
      'b',
      '%TryMigrateInstance(a); %TryMigrateInstance(b); return %HaveSameMap(a, b)',
    ) as (a: object, b: object) => boolean;
    exchanges.length = 0;
    closed.length = 0;
    for (const q of ['a', 'b', 'c', 'd']) await request(app.getHttpServer()).get(`/probe?q=${q}`).expect(200);
    // All at the same stage: closed, and past what Node does on the close.
    await Promise.all(closed);
    await new Promise((resolve) => setImmediate(resolve));
    const sharing = exchanges
      .slice(1)
      .map(([req, res], i) => sameMap(exchanges[i][0], req) && sameMap(exchanges[i][1], res));
    expect(sharing).toContain(true);
  });
});
