import { ConflictException, Controller, Get, INestApplication } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Public } from '../src/auth/roles.decorator';
import { shutDownGracefully } from '../src/shutdown/graceful-shutdown';
import { InFlightRequests } from '../src/shutdown/in-flight-requests';
import { createTestApp } from './support/app';

/**
 * A deploy's SIGTERM: the server closes once its connections do, but a client that hung up leaves
 * its handler running; the database pool must outlive that handler. A test-only route holds its
 * handler until the test opens the gate, then reads the database.
 */
let openGate: () => void = () => undefined;
let gate = Promise.resolve();
const outcomes: Array<{ households?: number; error?: string }> = [];

@Public()
@Controller('test-gate')
class GateController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async held(): Promise<{ households: number }> {
    await gate;
    try {
      const [{ n }] = await this.dataSource.query<Array<{ n: number | string }>>(
        'SELECT COUNT(*) AS n FROM households',
      );
      outcomes.push({ households: Number(n) });
      return { households: Number(n) };
    } catch (error) {
      outcomes.push({ error: (error as Error).message });
      throw error;
    }
  }

  @Get('refused')
  refused(): never {
    throw new ConflictException('refused on purpose');
  }
}

let app: INestApplication;
let port: number;
beforeEach(async () => {
  gate = new Promise((resolve) => (openGate = resolve));
  outcomes.length = 0;
  app = await createTestApp({}, [GateController]);
  await app.listen(0, '127.0.0.1');
  port = (app.getHttpServer().address() as AddressInfo).port;
});

/** Sends GET /api/v1/test-gate and hangs up once the handler runs. */
async function requestThenHangUp(inFlight: InFlightRequests): Promise<void> {
  const before = inFlight.count;
  const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/test-gate' });
  req.on('error', () => undefined);
  req.end();
  while (inFlight.count === before) await new Promise((resolve) => setTimeout(resolve, 5));
  req.destroy();
}

it('keeps the database open for a handler whose client hung up, then closes', async () => {
  const inFlight = app.get(InFlightRequests);
  await requestThenHangUp(inFlight);
  await requestThenHangUp(inFlight);
  expect(inFlight.count).toBe(2);

  const shutdown = shutDownGracefully(app, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 200)); // the server has closed by now
  expect(app.get(DataSource).isInitialized).toBe(true);
  expect(outcomes).toEqual([]);

  openGate();
  await expect(shutdown).resolves.toEqual({ handlersLeft: 0 });
  const answered = { households: expect.any(Number) as number };
  expect(outcomes).toEqual([answered, answered]);
  expect(app.get(DataSource).isInitialized).toBe(false);
});

it('closes after the grace period when a handler never finishes, naming how many were left', async () => {
  const inFlight = app.get(InFlightRequests);
  await requestThenHangUp(inFlight);
  const started = Date.now();
  await expect(shutDownGracefully(app, 300)).resolves.toEqual({ handlersLeft: 1 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(app.get(DataSource).isInitialized).toBe(false);
  openGate(); // the handler now fails on the closed pool, as it would at a deadline
  await new Promise((resolve) => setTimeout(resolve, 50));
});

it('counts requests that end in an error as finished', async () => {
  const inFlight = app.get(InFlightRequests);
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/households`);
  expect(res.status).toBe(401);
  const refused = await fetch(`http://127.0.0.1:${port}/api/v1/test-gate/refused`);
  expect(refused.status).toBe(409);
  expect(inFlight.count).toBe(0);
  await expect(shutDownGracefully(app, 1_000)).resolves.toEqual({ handlersLeft: 0 });
});

it('runs outside every other interceptor (idempotency records are written after the handler)', async () => {
  const { config } = app as unknown as { config: ApplicationConfig };
  const interceptors = config.getGlobalInterceptors();
  expect(interceptors[0]).toBe(app.get(InFlightRequests));
  expect(interceptors.length).toBeGreaterThan(1);
  await app.close();
});
