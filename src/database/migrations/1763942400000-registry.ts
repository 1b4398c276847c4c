import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
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
  versionedColumns,
} from '../migration-columns';

/** The household registry: households, cooperative memberships, and the outbox of domain events. */
export class Registry1763942400000 implements MigrationInterface {
  name = 'Registry1763942400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'households',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('headName', 120),
          varcharColumn('searchKey', 120),
          varcharColumn('givenNameKey', 40),
          varcharColumn('nationalId', 12),
          varcharColumn('gender', 6),
          integerColumn('birthYear'),
          varcharColumn('ethnicity', 2),
          varcharColumn('phone', 12, true),
          varcharColumn('communeCode', 5),
          varcharColumn('village', 120, true),
          varcharColumn('villageKey', 120, true),
          integerColumn('memberCount'),
          varcharColumn('povertyStatus', 10),
          integerColumn('povertyAssessedYear', true),
          dateColumn('consentGivenOn', true),
          varcharColumn('consentScope', 200, true),
          datetimeColumn('deletedAt', true),
          varcharColumn('deletedReason', 500, true),
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'IDX_households_commune_search', columnNames: ['communeCode', 'searchKey', 'deletedAt'] },
          {
            name: 'IDX_households_commune_given_name',
            columnNames: ['communeCode', 'givenNameKey', 'deletedAt'],
          },
          { name: 'IDX_households_search_key', columnNames: ['searchKey'] },
          { name: 'IDX_households_given_name_key', columnNames: ['givenNameKey'] },
          { name: 'UQ_households_national_id', columnNames: ['nationalId'], isUnique: true },
          { name: 'IDX_households_ethnicity', columnNames: ['ethnicity'] },
          { name: 'IDX_households_poverty', columnNames: ['povertyStatus'] },
          { name: 'IDX_households_deleted', columnNames: ['deletedAt'] },
          {
            name: 'IDX_households_duplicate_block',
            columnNames: ['communeCode', 'birthYear', 'villageKey', 'deletedAt', 'searchKey'],
          },
        ],
        foreignKeys: [
          foreignKey('FK_households_commune', 'communeCode', 'communes', 'code'),
          foreignKey('FK_households_ethnicity', 'ethnicity', 'ethnicities', 'code'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'cooperative_members',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('cooperativeId'),
          uuidColumn('householdId'),
          uuidColumn('activeHouseholdId', true),
          varcharColumn('role', 10),
          dateColumn('joinedOn'),
          dateColumn('leftOn', true),
          createdAtColumn(qr),
          updatedAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_cooperative_members_cooperative', columnNames: ['cooperativeId', 'leftOn'] },
          {
            name: 'UQ_cooperative_members_active',
            columnNames: ['cooperativeId', 'activeHouseholdId'],
            isUnique: true,
          },
          { name: 'IDX_cooperative_members_household', columnNames: ['householdId'] },
        ],
        foreignKeys: [
          foreignKey('FK_cooperative_members_cooperative', 'cooperativeId', 'cooperatives'),
          foreignKey('FK_cooperative_members_household', 'householdId', 'households'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'outbox_events',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('type', 64),
          varcharColumn('aggregateType', 32),
          varcharColumn('aggregateId', 64),
          jsonTextColumn('payload'),
          { ...createdAtColumn(qr), name: 'occurredAt' },
          datetimeColumn('publishedAt', true),
        ],
        indices: [
          { name: 'IDX_outbox_events_unpublished', columnNames: ['publishedAt', 'occurredAt'] },
          { name: 'IDX_outbox_events_aggregate', columnNames: ['aggregateType', 'aggregateId'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['outbox_events', 'cooperative_members', 'households']) await qr.dropTable(table);
  }
}
