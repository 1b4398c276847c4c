import { QueryRunner, TableColumnOptions, TableForeignKey } from 'typeorm';

/**
 * Column shapes shared by migrations, so one migration set serves SQLite and MySQL alike.
 * Past migrations depend on these: change them only by adding new helpers.
 */
export const isMysql = (qr: QueryRunner): boolean =>
  ['mysql', 'mariadb'].includes(qr.connection.options.type);

export const uuidColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});

export const uuidPrimaryColumn = (name = 'id'): TableColumnOptions => ({
  ...uuidColumn(name),
  isPrimary: true,
});

export const varcharColumn = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export const dateColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'date',
  isNullable: nullable,
});

export const datetimeColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  isNullable: nullable,
});

/** TypeORM maps boolean to plain tinyint on MySQL (shown as tinyint(4)) and to boolean on SQLite. */
export const booleanColumn = (qr: QueryRunner, name: string, defaultValue?: boolean): TableColumnOptions => ({
  name,
  type: isMysql(qr) ? 'tinyint' : 'boolean',
  isNullable: false,
  ...(defaultValue === undefined ? {} : { default: defaultValue ? 1 : 0 }),
});

export const jsonTextColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

/** What TypeORM's CreateDateColumn is on each engine: microseconds on MySQL. */
export function createdAtColumn(qr: QueryRunner): TableColumnOptions {
  return isMysql(qr)
    ? {
        name: 'createdAt',
        type: 'datetime',
        precision: 6,
        isNullable: false,
        default: 'CURRENT_TIMESTAMP(6)',
      }
    : { name: 'createdAt', type: 'datetime', isNullable: false, default: "datetime('now')" };
}

/** What TypeORM's UpdateDateColumn is on each engine. */
export function updatedAtColumn(qr: QueryRunner): TableColumnOptions {
  return isMysql(qr)
    ? { ...createdAtColumn(qr), name: 'updatedAt', onUpdate: 'CURRENT_TIMESTAMP(6)' }
    : { ...createdAtColumn(qr), name: 'updatedAt' };
}

/** version, createdAt and updatedAt: the columns of VersionedEntity. */
export function versionedColumns(qr: QueryRunner): TableColumnOptions[] {
  return [{ name: 'version', type: 'integer', isNullable: false }, createdAtColumn(qr), updatedAtColumn(qr)];
}

/** Hectares and tonnes with 2 decimals (see DecimalColumn). */
export const decimalColumn = (
  name: string,
  options: { nullable?: boolean; default?: number } = {},
): TableColumnOptions => ({
  name,
  type: 'decimal',
  precision: 12,
  scale: 2,
  isNullable: options.nullable ?? false,
  ...(options.default !== undefined ? { default: options.default } : {}),
});

export const integerColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});

/** A foreign key with the actions TypeORM's relations default to, named as the entity names it. */
export function foreignKey(name: string, column: string, table: string, referenced = 'id'): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: [referenced],
    onDelete: 'NO ACTION',
    onUpdate: 'NO ACTION',
  });
}
