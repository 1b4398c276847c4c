import { connect, Socket } from 'node:net';

/**
 * The open-loop load of paced(): request i is due at start + i / rate, goes out on an idle
 * keep-alive connection (a new one while fewer than `maxConnections` are open, else it waits for
 * the first to free up), and its latency counts from when it was due.
 *
 * Raw sockets with each request's bytes prepared in advance, because the load shares the two CPUs
 * with the API and the database: node:http's client cost ~0.4 ms of CPU per request (as much as
 * a hello answer) and its own garbage collections delayed the answers it timed; this costs a fraction.
 * It reads HTTP/1.1 answers with a Content-Length, which is how the API answers these GETs.
 *
 * The first `warmUp` requests warm the API and open its connections, and are not counted: the
 * measured requests go out on the same connections without a pause, as a steady load would. (Run
 * apart, the measurement began with no connection open, and opening dozens at once while requests
 * came due cost the first tenth of a second up to 100 ms per request: a p99 of the harness.)
 */
export interface PacedRun {
  /** Milliseconds from due to the last byte of the answer of each measured request, in due order; NaN where it failed. */
  latencies: Float64Array;
  /** Of the measured requests. */
  errors: number;
  non2xx: number;
  /** Seconds from the first measured request's due time to the last answer. */
  elapsed: number;
}

interface Due {
  index: number;
  at: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

export function prepareGet(
  host: string,
  port: number,
  path: string,
  headers: Record<string, string>,
): Buffer {
  const lines = [`GET ${path} HTTP/1.1`, `Host: ${host}:${port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

class KeepAliveConnection {
  private pending: Buffer | null = null;
  private current: Due | null = null;
  private open = false;
  private queued: Buffer | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly answered: (connection: KeepAliveConnection, due: Due, status: number) => void,
    private readonly failed: (connection: KeepAliveConnection, due: Due | null) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.open = true;
      if (this.queued) socket.write(this.queued);
      this.queued = null;
    });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const due = this.current;
      this.current = null;
      this.failed(this, due);
    });
  }

  send(due: Due, bytes: Buffer): void {
    this.current = due;
    if (this.open) this.socket.write(bytes);
    else this.queued = bytes;
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const headEnd = data.indexOf(HEAD_END);
    if (headEnd < 0) {
      this.pending = data;
      return;
    }
    const head = data.toString('latin1', 0, headEnd);
    const length = CONTENT_LENGTH.exec(head);
    if (!length) {
      // Not an answer this client can delimit (chunked, or a closing one): count it as failed.
      this.socket.destroy();
      return;
    }
    const end = headEnd + HEAD_END.length + Number(length[1]);
    if (data.length < end) {
      this.pending = data;
      return;
    }
    this.pending = data.length > end ? data.subarray(end) : null;
    const due = this.current!;
    this.current = null;
    this.answered(this, due, Number(head.slice(9, 12)));
  }
}

export function pacedRun(
  host: string,
  port: number,
  requests: Buffer[],
  rate: number,
  total: number,
  maxConnections: number,
  warmUp = 0,
  onMeasuring: () => void = () => undefined,
): Promise<PacedRun> {
  return new Promise((resolve) => {
    const latencies = new Float64Array(total).fill(NaN);
    const count = warmUp + total;
    const idle: KeepAliveConnection[] = [];
    const all = new Set<KeepAliveConnection>();
    const waiting: Due[] = [];
    let errors = 0;
    let non2xx = 0;
    let sent = 0;
    let done = 0;
    const start = performance.now();
    const dueAt = (i: number) => start + (i * 1000) / rate;

    const finish = () => {
      if (++done < count) return;
      for (const connection of all) connection.close();
      resolve({ latencies, errors, non2xx, elapsed: (performance.now() - dueAt(warmUp)) / 1000 });
    };
    const dispatch = (connection: KeepAliveConnection) => {
      const next = waiting.shift();
      if (next) connection.send(next, requests[next.index % requests.length]);
      else idle.push(connection);
    };
    const answered = (connection: KeepAliveConnection, due: Due, status: number) => {
      if (due.index >= warmUp) {
        latencies[due.index - warmUp] = performance.now() - due.at;
        if (status < 200 || status >= 300) non2xx++;
      }
      dispatch(connection);
      finish();
    };
    const failed = (connection: KeepAliveConnection, due: Due | null) => {
      all.delete(connection);
      const at = idle.indexOf(connection);
      if (at >= 0) idle.splice(at, 1);
      if (due) {
        if (due.index >= warmUp) errors++;
        finish();
      }
      // A request that waited for this connection goes out on a new one.
      if (waiting.length && all.size < maxConnections) openWith(waiting.shift()!);
    };
    const openWith = (due: Due) => {
      const connection = new KeepAliveConnection(connect({ host, port }), answered, failed);
      all.add(connection);
      connection.send(due, requests[due.index % requests.length]);
    };
    const fire = (index: number) => {
      if (index === warmUp) onMeasuring();
      const due = { index, at: dueAt(index) };
      const connection = idle.pop(); // the most recently used, as node:http's agent picks
      if (connection) connection.send(due, requests[index % requests.length]);
      else if (all.size < maxConnections) openWith(due);
      else waiting.push(due);
    };
    const tick = () => {
      while (sent < count && dueAt(sent) <= performance.now()) fire(sent++);
      if (sent < count) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
    };
    tick();
  });
}
