import type { Driver, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The metadata of the named columns, in that order; a name the entity lacks is a programming error. */
export function columnsOf(metadata: EntityMetadata, names: readonly string[]): ColumnMetadata[] {
  return names.map((name) => {
    const column = metadata.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${metadata.name} has no column ${name}`);
    return column;
  });
}

/**
 * Raw rows (selected under their property names) converted as TypeORM hydrates entities — dates,
 * booleans, transformers — on every engine, without the cost of building entities.
 */
export function hydrateRows<E extends ObjectLiteral>(
  driver: Driver,
  columns: readonly ColumnMetadata[],
  raw: ReadonlyArray<Record<string, unknown>>,
): E[] {
  return raw.map((r) => {
    const row: ObjectLiteral = {};
    for (const column of columns)
      row[column.propertyName] = driver.prepareHydratedValue(r[column.propertyName], column);
    return row as E;
  });
}
