import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One valid, normalised row of a previewed sheet, waiting for the commit. */
@Entity('import_rows')
export class ImportRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) importId!: string;
  @PrimaryColumn({ type: 'integer' }) rowNumber!: number;
  @Column({ type: 'text' }) data!: string;
}
