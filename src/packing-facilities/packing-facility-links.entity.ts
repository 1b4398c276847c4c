import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GrowingArea } from '../growing-areas/growing-area.entity';
import { Product } from '../products/product.entity';
import { PackingFacility } from './packing-facility.entity';

/** A product the facility packs. */
@Entity('packing_facility_products')
@Index('IDX_packing_facility_products_product', ['productCode', 'packingFacilityId'])
export class PackingFacilityProduct {
  @PrimaryColumn({ type: 'varchar', length: 36 }) packingFacilityId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) productCode!: string;
  @ManyToOne(() => PackingFacility)
  @JoinColumn({
    name: 'packingFacilityId',
    foreignKeyConstraintName: 'FK_packing_facility_products_facility',
  })
  facility?: PackingFacility;
  @ManyToOne(() => Product)
  @JoinColumn({ name: 'productCode', foreignKeyConstraintName: 'FK_packing_facility_products_product' })
  product?: Product;
}

/** A market (ISO 3166 alpha-2) the facility serves. */
@Entity('packing_facility_markets')
@Index('IDX_packing_facility_markets_market', ['market', 'packingFacilityId'])
export class PackingFacilityMarket {
  @PrimaryColumn({ type: 'varchar', length: 36 }) packingFacilityId!: string;
  @PrimaryColumn({ type: 'varchar', length: 2 }) market!: string;
  @ManyToOne(() => PackingFacility)
  @JoinColumn({ name: 'packingFacilityId', foreignKeyConstraintName: 'FK_packing_facility_markets_facility' })
  facility?: PackingFacility;
}

/**
 * A growing-area code the facility packs from. `atRiskSince` is set when the code is suspended or
 * revoked (the cascade) and cleared when it is reinstated.
 */
@Entity('packing_facility_sources')
@Index('IDX_packing_facility_sources_area', ['growingAreaId'])
@Index('IDX_packing_facility_sources_at_risk', ['packingFacilityId', 'atRiskSince'])
export class PackingFacilitySource {
  @PrimaryColumn({ type: 'varchar', length: 36 }) packingFacilityId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @Column({ type: 'datetime', nullable: true }) atRiskSince!: Date | null;
  @Column({ type: 'varchar', length: 600, nullable: true }) atRiskReason!: string | null;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => PackingFacility)
  @JoinColumn({ name: 'packingFacilityId', foreignKeyConstraintName: 'FK_packing_facility_sources_facility' })
  facility?: PackingFacility;
  @ManyToOne(() => GrowingArea)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_packing_facility_sources_area' })
  growingArea?: GrowingArea;
}
