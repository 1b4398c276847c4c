import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer as createHttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/**
 * Express gives every request its methods by swapping prototypes: Object.setPrototypeOf(req,
 * app.request) and the same for res. V8 handles objects whose prototype was swapped so that a large
 * share of each request's garbage outlives young-generation collections: on a bare Express hello at
 * 1,300 req/s, 22 % of the allocated bytes survived scavenges (0.1 % for plain node:http), each
 * scavenge paused 17 ms copying them and a Mark-Compact followed every few seconds.
 *
 * This adapter has Node build requests and responses with Express's prototypes already in place
 * (http.createServer's IncomingMessage/ServerResponse options), so Express's setPrototypeOf finds
 * the same prototype and changes nothing. The same bare hello then kept 0.1 % with 0.2 ms scavenges.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Nest's own connection tracking is private; keep its server when that is asked for.
    if (options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    const classes = {
      IncomingMessage: withPrototype(IncomingMessage, app.request),
      ServerResponse: withPrototype(ServerResponse, app.response),
    };
    this.httpServer = options?.httpsOptions
      ? createHttpsServer({ ...options.httpsOptions, ...classes }, app)
      : createHttpServer(classes, app);
  }
}

/**
 * A constructor that runs `base` on a new object whose prototype is `prototype` (which inherits from
 * base's). A plain function that calls base on `this`, because V8 caches the hidden class that `new`
 * gives only for such a function or a derived class: Reflect.construct(base, args, newTarget) made a
 * new one for every request and response — new maps in the old generation each time (most of the
 * ~15 KB of old-generation growth per request in the full app) and megamorphic reads of every
 * req/res property. Node's IncomingMessage and ServerResponse are such plain functions; were one
 * to become a class, `apply` would throw and every request in the specs would fail.
 */
function withPrototype<T extends abstract new (...args: never[]) => object>(base: T, prototype: object): T {
  const construct = base as unknown as (this: object, ...args: unknown[]) => void;
  function Constructed(this: object, ...args: unknown[]): void {
    construct.apply(this, args);
  }
  Constructed.prototype = prototype;
  return Constructed as unknown as T;
}
