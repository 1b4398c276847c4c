import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of Vietnam's 54 ethnic groups, by the statistics office's two-digit code. */
@Entity('ethnicities')
export class Ethnicity {
  @PrimaryColumn({ type: 'varchar', length: 2 }) code!: string;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'varchar', length: 60 }) nameEn!: string;
  @Column({ type: 'boolean' }) minority!: boolean;
}
