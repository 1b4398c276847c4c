import type { Driver, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

const known = new WeakMap<EntityMetadata, WeakMap<readonly string[], ColumnMetadata[]>>();

/**
 * The metadata of the named columns, in that order; a name the entity lacks is a programming error.
 * Looked up once per list of names (a constant at each call site).
 */
export function columnsOf(metadata: EntityMetadata, names: readonly string[]): ColumnMetadata[] {
  let lists = known.get(metadata);
  if (!lists) known.set(metadata, (lists = new WeakMap()));
  let columns = lists.get(names);
  if (!columns) {
    columns = names.map((name) => {
      const column = metadata.findColumnWithPropertyName(name);
      if (!column) throw new Error(`${metadata.name} has no column ${name}`);
      return column;
    });
    lists.set(names, columns);
  }
  return columns;
}

/**
 * A UTC datetime as the database writes it ('YYYY-MM-DD HH:MM:SS', maybe with a fraction) in the
 * form JSON gives a Date ('YYYY-MM-DDTHH:MM:SS.sssZ'), without making a Date: formatting Dates was
 * 60 % of serialising a household page.
 */
export function isoFromSqlDatetime(text: string): string {
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${`${text.slice(20, 23)}000`.slice(0, 3)}Z`;
}

const isDatetime = (column: ColumnMetadata): boolean => column.type === 'datetime' || column.type === Date;

/**
 * Column types every driver hands back as the database sent them (prepareHydratedValue converts
 * nothing for them): skipping the call is most of the cost of hydrating a page.
 */
const AS_SENT = new Set<unknown>(['varchar', 'char', 'text', 'uuid', 'integer', 'int', 'smallint']);

const enum Conversion {
  AsSent,
  Iso,
  Driver,
}

/**
 * Raw rows (selected under their property names) converted as TypeORM hydrates entities — dates,
 * booleans, transformers — on every engine, without the cost of building entities. With
 * `isoDatetimes`, datetime columns that came as text (always on SQLite; on MySQL when selected with
 * DATE_FORMAT) become ISO strings instead of Dates, for rows that only go out as JSON.
 */
export function hydrateRows<E extends ObjectLiteral>(
  driver: Driver,
  columns: readonly ColumnMetadata[],
  raw: ReadonlyArray<Record<string, unknown>>,
  { isoDatetimes = false } = {},
): E[] {
  const conversions = columns.map((column) =>
    isoDatetimes && isDatetime(column)
      ? Conversion.Iso
      : !column.transformer && AS_SENT.has(column.type)
        ? Conversion.AsSent
        : Conversion.Driver,
  );
  const names = columns.map((column) => column.propertyName);
  return raw.map((r) => {
    const row: ObjectLiteral = {};
    for (let i = 0; i < columns.length; i++) {
      const value = r[names[i]];
      const conversion = conversions[i];
      row[names[i]] =
        conversion === Conversion.AsSent
          ? value
          : conversion === Conversion.Iso && typeof value === 'string'
            ? isoFromSqlDatetime(value)
            : driver.prepareHydratedValue(value, columns[i]);
    }
    return row as E;
  });
}
