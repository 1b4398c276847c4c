import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdAtColumn,
  datetimeColumn,
  integerColumn,
  jsonTextColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
} from '../migration-columns';

/** Spreadsheet imports: the job with its preview, and the valid rows kept for the commit. */
export class Imports1764115200000 implements MigrationInterface {
  name = 'Imports1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'import_jobs',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('kind', 16),
          varcharColumn('status', 10),
          uuidColumn('createdBy'),
          uuidColumn('cooperativeId', true),
          varcharColumn('fileName', 255),
          integerColumn('totalRows'),
          integerColumn('validRows'),
          integerColumn('invalidRows'),
          jsonTextColumn('errors'),
          jsonTextColumn('duplicates'),
          jsonTextColumn('result', true),
          createdAtColumn(qr),
          datetimeColumn('committedAt', true),
        ],
        indices: [{ name: 'IDX_import_jobs_creator', columnNames: ['createdBy', 'createdAt'] }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'import_rows',
        columns: [
          { ...uuidColumn('importId'), isPrimary: true },
          { ...integerColumn('rowNumber'), isPrimary: true },
          varcharColumn('naturalKey', 64),
          varcharColumn('matchKey', 64, true),
          { name: 'data', type: 'text', isNullable: false },
        ],
        indices: [
          { name: 'UQ_import_rows_natural_key', columnNames: ['importId', 'naturalKey'], isUnique: true },
          { name: 'IDX_import_rows_match_key', columnNames: ['importId', 'matchKey', 'rowNumber'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('import_rows');
    await qr.dropTable('import_jobs');
  }
}
