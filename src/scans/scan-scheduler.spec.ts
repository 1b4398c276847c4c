import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import type { PeriodicScans } from './periodic-scans.service';
import { ScanScheduler } from './scan-scheduler.service';

const config = (values: Partial<Env>) =>
  ({ get: (key: keyof Env) => values[key] }) as unknown as ConfigService<Env, true>;

describe('ScanScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the scans 10 s after start, then every interval, never two runs at once', async () => {
    let release: () => void = () => undefined;
    const runAll = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const scheduler = new ScanScheduler(
      { runAll } as unknown as PeriodicScans,
      config({ WORKER: 'on', SCAN_INTERVAL_MINUTES: 1 }),
    );
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runAll).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runAll).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(60_000); // the first run is still going: skipped
    expect(runAll).toHaveBeenCalledTimes(1);
    release();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runAll).toHaveBeenCalledTimes(2);
    release();
    await scheduler.onApplicationShutdown();
  });

  it('stays quiet in a process with WORKER=off', async () => {
    const runAll = jest.fn(async () => undefined);
    const scheduler = new ScanScheduler(
      { runAll } as unknown as PeriodicScans,
      config({ WORKER: 'off', SCAN_INTERVAL_MINUTES: 1 }),
    );
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(180_000);
    expect(runAll).not.toHaveBeenCalled();
  });
});
