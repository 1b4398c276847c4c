import type { DataSource } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * The isolation for a transaction that waits on a lock (or a conditional UPDATE) and then reads
 * what others committed meanwhile: under MySQL's default REPEATABLE READ its plain reads would
 * still see the snapshot taken before the wait. It also takes no gap locks, so a worker claiming
 * rows of a busy table (the outbox) never blocks — or deadlocks with — the inserts of requests.
 * SQLite has one writer, so any level reads fresh.
 */
export const freshReads = (dataSource: DataSource): IsolationLevel =>
  dataSource.options.type === 'mysql' ? 'READ COMMITTED' : 'SERIALIZABLE';
