import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedEntity } from '../database/versioned-entity';

export const PRODUCT_KINDS = ['crop', 'livestock'] as const;
export const PRODUCT_UNITS = ['kg', 'head'] as const;

/** A key product (sản phẩm chủ lực) of the value chains. */
@Entity('products')
export class Product extends VersionedEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 120 }) nameVi!: string;
  @Column({ type: 'varchar', length: 12 }) kind!: (typeof PRODUCT_KINDS)[number];
  @Column({ type: 'varchar', length: 8 }) unit!: (typeof PRODUCT_UNITS)[number];
  @Column({ type: 'simple-json' }) harvestMonths!: number[];
  @Column({ type: 'simple-json' }) offSeasonMonths!: number[];
  /** kg per hectare, where a figure is published; used by the code-misuse check. */
  @Column({ type: 'int', nullable: true }) typicalYieldPerHa!: number | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
}
