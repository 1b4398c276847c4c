import { request as httpRequest } from 'node:http';

export interface Outcome {
  status: number; // 0: no HTTP answer
  body: unknown;
  error?: string;
  /** When the TCP connection was accepted (null: never connected). */
  connectedAt: number | null;
  api: number;
  path: string;
}

/**
 * One request on a connection of its own (no keep-alive), so "accepted before the signal" is
 * measurable: the socket's connect time is recorded.
 */
export function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let connectedAt: number | null = null;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, connectedAt, api: port, path });
        });
        res.on('error', (error) =>
          resolve({ status: 0, body: null, error: error.message, connectedAt, api: port, path }),
        );
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (connectedAt = Date.now())));
    req.on('error', (error) =>
      resolve({ status: 0, body: null, error: error.message, connectedAt, api: port, path }),
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}
