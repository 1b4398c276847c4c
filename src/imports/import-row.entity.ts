import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One valid, normalised row of a previewed sheet, waiting for the commit. */
@Entity('import_rows')
// A repeated natural key (CCCD, tax code) is found by the database, not by a map the size of the file.
@Index('UQ_import_rows_natural_key', ['importId', 'naturalKey'], { unique: true })
// Rows that could be duplicates of each other share a match key; the preview reads them block by block.
@Index('IDX_import_rows_match_key', ['importId', 'matchKey', 'rowNumber'])
export class ImportRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) importId!: string;
  @PrimaryColumn({ type: 'integer' }) rowNumber!: number;
  @Column({ type: 'varchar', length: 64 }) naturalKey!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) matchKey!: string | null;
  @Column({ type: 'text' }) data!: string;
}
