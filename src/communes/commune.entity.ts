import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A commune-level unit (xã / phường) of the province after the 1 July 2025 reorganisation. */
@Entity('communes')
export class Commune {
  @PrimaryColumn({ type: 'varchar', length: 5 }) code!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Index('IDX_communes_search_key') @Column({ type: 'varchar', length: 400 }) searchKey!: string;
  @Column({ type: 'varchar', length: 8 }) type!: 'commune' | 'ward';
  @Column({ type: 'varchar', length: 80 }) formerDistrict!: string;
  @Column({ type: 'simple-json' }) mergedFrom!: string[];
}
