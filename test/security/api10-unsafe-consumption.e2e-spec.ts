import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Webhook } from '../../src/webhooks/webhook.entity';
import { WebhookSender } from '../../src/webhooks/webhook-sender.service';
import { createTestApp } from '../support/app';

/**
 * OWASP API10:2023 Unsafe Consumption of APIs. The API consumes no third-party API's data: its
 * only outgoing calls are webhook deliveries and e-mail, and of a receiver's answer it uses the
 * status alone. What a hostile or broken receiver could still do is tested here on the sending
 * step itself (WebhookSender's post, the one call sendDue makes per delivery; sendDue would claim
 * other spec files' deliveries in the shared database): redirects are not followed, an endless
 * answer body is not read, a receiver that never answers costs 5 s at most. Spreadsheets are the
 * other outside data: validated row by row like the API's own bodies (test/imports.e2e-spec.ts),
 * their size and zip bombs are API4.
 */
let app: INestApplication;
beforeAll(async () => (app = await createTestApp()));
afterAll(() => app.close());

type Post = (hook: Webhook, event: OutboxEvent, deliveryId: string) => Promise<string | null>;
const post = (): Post => {
  const sender = app.get(WebhookSender) as unknown as { post: Post };
  return sender.post.bind(sender);
};

async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/lienket`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const hookFor = (url: string) =>
  ({
    id: 'hook',
    url,
    secret: 'khoa-bi-mat-thu-nghiem-2026',
    events: null,
    active: true,
    createdBy: 'x',
    createdAt: new Date(),
  }) as Webhook;
const event = () =>
  ({
    id: 'e1',
    type: 'code.suspended',
    occurredAt: new Date(),
    payload: { id: 'x' },
  }) as unknown as OutboxEvent;

it('does not follow a redirect (to the cloud metadata address or anywhere): the delivery fails as HTTP 302', async () => {
  const inside: string[] = [];
  const internal = await serve((req, res) => {
    inside.push(req.url ?? '');
    res.end('{"AccessKeyId":"secret"}');
  });
  const redirector = await serve((_req, res) => {
    res.writeHead(302, { Location: `${internal.url}/latest/meta-data/` });
    res.end();
  });
  try {
    expect(await post()(hookFor(redirector.url), event(), 'd1')).toBe('HTTP 302');
    expect(inside).toEqual([]);
  } finally {
    await Promise.all([internal.close(), redirector.close()]);
  }
});

// Found by this test: the sender read the whole answer body (res.arrayBuffer()) for 5 s, ~2 GB
// from a local receiver; it now cancels the body, whose content it never used.
it('does not read an endless answer body: delivered on the status, memory flat, at once', async () => {
  let sent = 0;
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  const endless = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const pump = () => {
      while (sent < 4096 && res.write(chunk)) sent++;
      if (sent < 4096) res.once('drain', pump);
      else res.end();
    };
    pump();
  });
  try {
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    expect(await post()(hookFor(endless.url), event(), 'd2')).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  } finally {
    await endless.close();
  }
});

it('gives up on a receiver that never answers after the 5 s timeout, with the reason', async () => {
  const silent = await serve(() => undefined);
  try {
    const started = Date.now();
    const why = await post()(hookFor(silent.url), event(), 'd3');
    expect(why).toMatch(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(7_000);
  } finally {
    await silent.close();
  }
}, 15_000);

it('never signs with or sends anything but the event: the body is the event JSON alone', async () => {
  const bodies: string[] = [];
  const receiver = await serve((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      bodies.push(raw);
      res.end();
    });
  });
  try {
    const ev = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .findOne({ where: {}, order: { occurredAt: 'DESC' } });
    const sample = ev ?? event();
    expect(await post()(hookFor(receiver.url), sample, 'd4')).toBeNull();
    expect(Object.keys(JSON.parse(bodies[0])).sort()).toEqual(['data', 'id', 'occurredAt', 'type']);
    expect(bodies[0]).not.toContain('khoa-bi-mat');
  } finally {
    await receiver.close();
  }
});
