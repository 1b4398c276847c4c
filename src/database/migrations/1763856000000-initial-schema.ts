import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import {
  booleanColumn,
  createdAtColumn,
  datetimeColumn,
  dateColumn,
  isMysql,
  jsonTextColumn,
  uuidColumn,
  uuidPrimaryColumn,
  varcharColumn,
  versionedColumns,
} from '../migration-columns';

/** Users and tokens, reference data (communes, ethnicities, products), cooperatives, enterprises, audit. */
export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(qr: QueryRunner): Promise<void> {
    if (isMysql(qr)) {
      // Tables inherit the database default; Vietnamese text needs 4-byte UTF-8 everywhere.
      await qr.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
    await qr.createTable(
      new Table({
        name: 'communes',
        columns: [
          { ...varcharColumn('code', 5), isPrimary: true },
          varcharColumn('name', 80),
          varcharColumn('searchKey', 400),
          varcharColumn('type', 8),
          varcharColumn('formerDistrict', 80),
          jsonTextColumn('mergedFrom'),
        ],
        indices: [{ name: 'IDX_communes_search_key', columnNames: ['searchKey'] }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'ethnicities',
        columns: [
          { ...varcharColumn('code', 2), isPrimary: true },
          varcharColumn('name', 40),
          varcharColumn('nameEn', 60),
          booleanColumn(qr, 'minority'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'products',
        columns: [
          { ...varcharColumn('code', 40), isPrimary: true },
          varcharColumn('name', 120),
          varcharColumn('nameVi', 120),
          varcharColumn('kind', 12),
          varcharColumn('unit', 8),
          jsonTextColumn('harvestMonths'),
          jsonTextColumn('offSeasonMonths'),
          { name: 'typicalYieldPerHa', type: 'integer', isNullable: true },
          { name: 'notes', type: 'text', isNullable: true },
          ...versionedColumns(qr),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'cooperatives',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('name', 200),
          varcharColumn('searchKey', 200),
          varcharColumn('taxCode', 14),
          varcharColumn('communeCode', 5),
          varcharColumn('address', 255, true),
          varcharColumn('directorName', 120, true),
          varcharColumn('phone', 12, true),
          dateColumn('foundedOn', true),
          { ...varcharColumn('status', 16), default: "'active'" },
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'IDX_cooperatives_search_key', columnNames: ['searchKey'] },
          { name: 'UQ_cooperatives_tax_code', columnNames: ['taxCode'], isUnique: true },
          { name: 'IDX_cooperatives_commune', columnNames: ['communeCode'] },
        ],
        foreignKeys: [communeForeignKey('FK_cooperatives_commune', 'communeCode')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'enterprises',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('name', 200),
          varcharColumn('searchKey', 200),
          varcharColumn('taxCode', 14),
          varcharColumn('kind', 12),
          varcharColumn('address', 255, true),
          varcharColumn('communeCode', 5, true),
          varcharColumn('contactName', 120, true),
          varcharColumn('phone', 12, true),
          varcharColumn('email', 254, true),
          jsonTextColumn('markets'),
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'IDX_enterprises_search_key', columnNames: ['searchKey'] },
          { name: 'UQ_enterprises_tax_code', columnNames: ['taxCode'], isUnique: true },
          { name: 'IDX_enterprises_commune', columnNames: ['communeCode'] },
        ],
        foreignKeys: [communeForeignKey('FK_enterprises_commune', 'communeCode')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          uuidPrimaryColumn(),
          varcharColumn('username', 40),
          varcharColumn('passwordHash', 255),
          varcharColumn('fullName', 120),
          varcharColumn('searchKey', 120),
          varcharColumn('role', 16),
          uuidColumn('cooperativeId', true),
          uuidColumn('enterpriseId', true),
          varcharColumn('communeCode', 5, true),
          booleanColumn(qr, 'active', true),
          datetimeColumn('lastLoginAt', true),
          ...versionedColumns(qr),
        ],
        indices: [
          { name: 'UQ_users_username', columnNames: ['username'], isUnique: true },
          { name: 'IDX_users_search_key', columnNames: ['searchKey'] },
          { name: 'IDX_users_role', columnNames: ['role'] },
          { name: 'IDX_users_cooperative', columnNames: ['cooperativeId'] },
          { name: 'IDX_users_enterprise', columnNames: ['enterpriseId'] },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_users_cooperative',
            columnNames: ['cooperativeId'],
            referencedTableName: 'cooperatives',
            referencedColumnNames: ['id'],
            onDelete: 'NO ACTION',
            onUpdate: 'NO ACTION',
          }),
          new TableForeignKey({
            name: 'FK_users_enterprise',
            columnNames: ['enterpriseId'],
            referencedTableName: 'enterprises',
            referencedColumnNames: ['id'],
            onDelete: 'NO ACTION',
            onUpdate: 'NO ACTION',
          }),
          communeForeignKey('FK_users_commune', 'communeCode'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('userId'),
          uuidColumn('familyId'),
          datetimeColumn('expiresAt'),
          datetimeColumn('revokedAt', true),
          createdAtColumn(qr),
        ],
        indices: [{ name: 'IDX_refresh_tokens_user', columnNames: ['userId'] }],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_refresh_tokens_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          uuidPrimaryColumn(),
          uuidColumn('actorId', true),
          varcharColumn('actorUsername', 40, true),
          varcharColumn('entity', 32),
          varcharColumn('entityId', 64),
          varcharColumn('action', 32),
          jsonTextColumn('changes', true),
          varcharColumn('reason', 500, true),
          createdAtColumn(qr),
        ],
        indices: [
          { name: 'IDX_audit_log_entity', columnNames: ['entity', 'entityId', 'createdAt'] },
          { name: 'IDX_audit_log_actor', columnNames: ['actorId', 'createdAt'] },
          { name: 'IDX_audit_log_created', columnNames: ['createdAt'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'refresh_tokens',
      'users',
      'enterprises',
      'cooperatives',
      'products',
      'ethnicities',
      'communes',
    ]) {
      await qr.dropTable(table);
    }
  }
}

function communeForeignKey(name: string, column: string): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: 'communes',
    referencedColumnNames: ['code'],
    onDelete: 'NO ACTION',
    onUpdate: 'NO ACTION',
  });
}
