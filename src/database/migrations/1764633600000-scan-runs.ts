import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetimeColumn, jsonTextColumn, varcharColumn } from '../migration-columns';

/** The guard that lets each period of the scan schedule run once, however many workers there are. */
export class ScanRuns1764633600000 implements MigrationInterface {
  name = 'ScanRuns1764633600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'scan_runs',
        columns: [
          { ...varcharColumn('scan', 40), isPrimary: true },
          { ...varcharColumn('period', 40), isPrimary: true },
          datetimeColumn('startedAt'),
          datetimeColumn('finishedAt', true),
          jsonTextColumn('result', true),
          varcharColumn('runBy', 100),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('scan_runs');
  }
}
