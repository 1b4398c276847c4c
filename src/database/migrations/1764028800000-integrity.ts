import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  booleanColumn,
  createdAtColumn,
  dateColumn,
  datetimeColumn,
  foreignKey,
  integerColumn,
  jsonTextColumn,
  updatedAtColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
} from '../migration-columns';

/** Support records, the allowed-combination rules of the double-support check, probable duplicates. */
export class Integrity1764028800000 implements MigrationInterface {
  name = 'Integrity1764028800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'support_records',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('householdId'),
          varcharColumn('programme', 16),
          uuidColumn('valueChainId', true),
          varcharColumn('kind', 12),
          { name: 'valueVnd', type: 'bigint', isNullable: false },
          dateColumn('supportedOn'),
          integerColumn('year'),
          varcharColumn('reference', 100, true),
          varcharColumn('overrideReason', 500, true),
          uuidColumn('createdBy', true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_support_records_household_year', columnNames: ['householdId', 'year'] },
          { name: 'IDX_support_records_programme_year', columnNames: ['programme', 'year'] },
          { name: 'IDX_support_records_value_chain', columnNames: ['valueChainId'] },
        ],
        foreignKeys: [foreignKey('FK_support_records_household', 'householdId', 'households')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'support_rules',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('existingProgramme', 16),
          varcharColumn('newProgramme', 16),
          varcharColumn('kind', 12),
          booleanColumn(qr, 'allowed'),
          updatedAtColumn(qr),
        ],
        indices: [
          {
            name: 'UQ_support_rules_pair',
            columnNames: ['existingProgramme', 'newProgramme', 'kind'],
            isUnique: true,
          },
        ],
      }),
    );
    // The default officials start from: the same programme may not support the same purpose twice a year.
    for (const programme of ['1719', 'giam-ngheo', 'ntm', 'other']) {
      await qr.manager
        .createQueryBuilder()
        .insert()
        .into('support_rules')
        .values({
          id: randomUUID(),
          existingProgramme: programme,
          newProgramme: programme,
          kind: '*',
          allowed: false,
        })
        .execute();
    }
    await qr.createTable(
      new Table({
        name: 'duplicate_pairs',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('householdAId'),
          uuidColumn('householdBId'),
          integerColumn('score'),
          jsonTextColumn('matchedFields'),
          varcharColumn('status', 10),
          uuidColumn('decidedBy', true),
          datetimeColumn('decidedAt', true),
          varcharColumn('decisionNote', 500, true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'UQ_duplicate_pairs_pair', columnNames: ['householdAId', 'householdBId'], isUnique: true },
          { name: 'IDX_duplicate_pairs_status', columnNames: ['status', 'score'] },
          { name: 'IDX_duplicate_pairs_household_b', columnNames: ['householdBId'] },
        ],
        foreignKeys: [
          foreignKey('FK_duplicate_pairs_household_a', 'householdAId', 'households'),
          foreignKey('FK_duplicate_pairs_household_b', 'householdBId', 'households'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['duplicate_pairs', 'support_rules', 'support_records']) await qr.dropTable(table);
  }
}
