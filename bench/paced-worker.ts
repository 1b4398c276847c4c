import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import type { PacedRun } from './paced-client';

export interface PacedLoad {
  host: string;
  port: number;
  requests: Buffer[];
  rate: number;
  total: number;
  maxConnections: number;
  warmUp: number;
}

let source: string | undefined;

/** paced-client.ts as JavaScript, started on the load the worker is given. */
function workerSource(): string {
  source ??= `
    const exports = {};
    (function (exports) {
      ${
        transpileModule(readFileSync(join(__dirname, 'paced-client.ts'), 'utf8'), {
          compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 },
        }).outputText
      }
    })(exports);
    const { parentPort, workerData: load } = require('node:worker_threads');
    exports
      .pacedRun(load.host, load.port, load.requests.map((r) => Buffer.from(r)), load.rate, load.total,
        load.maxConnections, load.warmUp, () => parentPort.postMessage({ measuring: true }))
      .then((result) => parentPort.postMessage({ result }));
  `;
  return source;
}

/**
 * pacedRun() on a worker thread of its own. The benchmarks run under ts-node, whose heap holds the
 * TypeScript compiler: its major garbage collections stopped the load for up to 15 ms a few times a
 * run, and each answer due meanwhile counted the pause as latency of the API. The worker's heap
 * holds the load alone, so its collections are short, and the main thread's do not stop it.
 */
export function pacedRunInWorker(load: PacedLoad, onMeasuring: () => void): Promise<PacedRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource(), { eval: true, workerData: load });
    worker.on('message', (message: { measuring?: true; result?: PacedRun }) => {
      if (message.measuring) onMeasuring();
      if (message.result) {
        resolve(message.result);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the load worker exited with ${code}`)));
  });
}
