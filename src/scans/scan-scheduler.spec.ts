import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import type { ScanRuns } from './scan-runs.service';
import { periodOf } from './scan-runs.service';
import { periodOfJob, ScanScheduler } from './scan-scheduler.service';

const config = (values: Partial<Env>) =>
  ({ get: (key: keyof Env) => values[key] }) as unknown as ConfigService<Env, true>;

describe('ScanScheduler without Redis', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('runs 10 s after start, then every interval, each time for the period it is in, never two at once', async () => {
    let release: () => void = () => undefined;
    const runOnce = jest.fn(
      () => new Promise<{ skipped: true }>((resolve) => (release = () => resolve({ skipped: true }))),
    );
    const scheduler = new ScanScheduler(
      { runOnce } as unknown as ScanRuns,
      config({ WORKER: 'on', SCAN_INTERVAL_SECONDS: 60 }),
    );
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runOnce).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runOnce).toHaveBeenLastCalledWith('all', '2026-11-24T10:00:00.000Z');
    await jest.advanceTimersByTimeAsync(60_000); // the first run is still going: skipped
    expect(runOnce).toHaveBeenCalledTimes(1);
    release();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runOnce).toHaveBeenCalledTimes(2);
    expect(runOnce).toHaveBeenLastCalledWith('all', '2026-11-24T10:02:00.000Z');
    release();
    await scheduler.onApplicationShutdown();
  });

  it('stays quiet in a process with WORKER=off', async () => {
    const runOnce = jest.fn(async () => ({ skipped: true }));
    const scheduler = new ScanScheduler(
      { runOnce } as unknown as ScanRuns,
      config({ WORKER: 'off', SCAN_INTERVAL_SECONDS: 60 }),
    );
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(180_000);
    expect(runOnce).not.toHaveBeenCalled();
  });
});

describe('scan periods', () => {
  it('are the start of the interval a moment falls in', () => {
    expect(periodOf(Date.parse('2026-11-24T10:59:59.999Z'), 3_600_000)).toBe('2026-11-24T10:00:00.000Z');
    expect(periodOf(Date.parse('2026-11-24T11:00:00.000Z'), 3_600_000)).toBe('2026-11-24T11:00:00.000Z');
  });

  it('come from the due time in a scheduler job’s id, not from when it was made', () => {
    const job = { id: 'repeat:periodic-scans:1795515967000', timestamp: 1795515966000 };
    expect(periodOfJob(job, 1000)).toBe('2026-11-24T10:26:07.000Z');
    expect(() => periodOfJob({ id: '42' }, 1000)).toThrow(/not a job scheduler/);
  });
});
