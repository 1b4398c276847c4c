import { FixedWindowThrottlerStorage } from '../../src/throttling/fixed-window-storage';

describe('FixedWindowThrottlerStorage', () => {
  let now = 1_000_000;
  const storage = new FixedWindowThrottlerStorage(() => now, 3_600_000);
  const hit = (key = 'user:a') => storage.increment(key, 60_000, 3, 60_000, 'default');

  it('counts within the window, refuses over the limit for the block duration, then starts afresh', async () => {
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    await hit();
    now += 10_000;
    expect(await hit()).toMatchObject({ totalHits: 3, timeToExpire: 50, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    expect(await hit('user:b')).toMatchObject({ totalHits: 1, isBlocked: false });
    now += 55_000; // the window has ended, the block has not
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    now += 5_000;
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('forgets ended windows that block nothing', async () => {
    const before = storage.size;
    now += 120_000;
    storage.sweep();
    expect(before).toBeGreaterThan(0);
    expect(storage.size).toBe(0);
  });
});
