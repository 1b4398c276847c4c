import { isoFromSqlDatetime } from './hydrate-rows';

describe('isoFromSqlDatetime', () => {
  it.each([
    ['2026-11-24 15:31:47.302000', '2026-11-24T15:31:47.302Z'], // MariaDB datetime(6)
    ['2026-11-24 15:31:47.302999', '2026-11-24T15:31:47.302Z'], // truncated, as mysql2 makes Dates
    ['2026-11-24 15:31:47', '2026-11-24T15:31:47.000Z'], // no fraction: SQLite datetime('now'), or zero microseconds
    ['2026-11-24 15:31:47.3', '2026-11-24T15:31:47.300Z'],
    ['2026-01-02 03:04:05.067', '2026-01-02T03:04:05.067Z'], // SQLite, written by TypeORM
  ])('%s → %s, as JSON gives the same instant as a Date', (text, iso) => {
    expect(isoFromSqlDatetime(text)).toBe(iso);
    expect(JSON.stringify(new Date(`${text.replace(' ', 'T').slice(0, 23)}Z`))).toBe(JSON.stringify(iso));
  });
});
