import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU time in USER_HZ ticks, 100 per second on every architecture Node runs on. */
const MS_PER_TICK = 10;

/** CPU time (user + system, all threads) a process has used so far, in ms; NaN when unreadable. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return NaN;
  }
}

/** The local MariaDB/MySQL server's pid, when the benchmark's database runs on this machine. */
export function localDatabasePid(serverUrl: string): number | undefined {
  if (!['127.0.0.1', 'localhost'].includes(new URL(serverUrl).hostname)) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${entry}/comm`, 'utf8').trim()))
        return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/**
 * CPU milliseconds per request of the API and of the database while `run` answers `requests()`
 * requests: where a route's time goes when both share the machine.
 */
export async function cpuPerRequest<T>(
  pids: { api?: number; db?: number },
  run: () => Promise<T>,
  requests: (result: T) => number,
): Promise<{ result: T; apiCpuMs: number; dbCpuMs: number }> {
  const before = { api: cpuMs(pids.api), db: cpuMs(pids.db) };
  const result = await run();
  const n = requests(result);
  return {
    result,
    apiCpuMs: (cpuMs(pids.api) - before.api) / n,
    dbCpuMs: (cpuMs(pids.db) - before.db) / n,
  };
}
