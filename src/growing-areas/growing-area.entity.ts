import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { CertificateColumns } from '../certification/certificate-columns';
import type { CertificateKind } from '../certification/inspection-schedule';
import { Commune } from '../communes/commune.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Product } from '../products/product.entity';
import { GrowingAreaMarket } from './growing-area-market.entity';

/** A growing-area code (mã số vùng trồng): one crop product on a registered area. */
@Entity('growing_areas')
@Index('UQ_growing_areas_code', ['code'], { unique: true })
@Index('IDX_growing_areas_status_due', ['status', 'nextInspectionDue'])
@Index('IDX_growing_areas_due', ['nextInspectionDue'])
// Lists sort by createdAt (then id, which InnoDB appends): each filter's index ends with it, so a
// page is read in order and the database stops after it instead of sorting every match.
@Index('IDX_growing_areas_created', ['createdAt'])
@Index('IDX_growing_areas_status_created', ['status', 'createdAt'])
@Index('IDX_growing_areas_commune', ['communeCode', 'status', 'createdAt'])
@Index('IDX_growing_areas_product', ['productCode', 'status', 'createdAt'])
@Index('IDX_growing_areas_kind', ['kind', 'status', 'createdAt'])
// A crop's codes of one kind, by due date: counted from the index alone, a page sorted from its matches.
@Index('IDX_growing_areas_product_kind_due', ['productCode', 'kind', 'nextInspectionDue'])
// Counting codes of a market reads this index alone (see marketsKey).
@Index('IDX_growing_areas_kind_markets', ['kind', 'status', 'marketsKey'])
@Index('IDX_growing_areas_cooperative', ['cooperativeId'])
export class GrowingArea extends CertificateColumns {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: CertificateKind;
  @Column({ type: 'varchar', length: 40 }) productCode!: string;
  @DecimalColumn() areaHa!: number;
  /** The plots' total, kept with the code so that adding a plot checks and reserves in one UPDATE. */
  @DecimalColumn({ default: 0 }) plottedHa!: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) cooperativeId!: string | null;
  /** GeoJSON Polygon or MultiPolygon, as sent. */
  @Column({ type: 'text', nullable: true }) boundary!: string | null;
  /** The area the boundary encloses, computed when it is written. */
  @DecimalColumn({ nullable: true }) boundaryAreaHa!: number | null;
  @Column({ type: 'varchar', length: 200 }) issuer!: string;
  /**
   * The markets again, as `|CN|JP|`: a market filter then scans the (kind, status, marketsKey) index
   * instead of looking up thousands of rows one by one. growing_area_markets stays the list itself.
   */
  @Column({ type: 'varchar', length: 160, default: '' }) marketsKey!: string;

  @OneToMany(() => GrowingAreaMarket, (m) => m.growingArea) markets?: GrowingAreaMarket[];
  @ManyToOne(() => Product)
  @JoinColumn({ name: 'productCode', foreignKeyConstraintName: 'FK_growing_areas_product' })
  product?: Product;
  @ManyToOne(() => Commune)
  @JoinColumn({ name: 'communeCode', foreignKeyConstraintName: 'FK_growing_areas_commune' })
  commune?: Commune;
  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({ name: 'cooperativeId', foreignKeyConstraintName: 'FK_growing_areas_cooperative' })
  cooperative?: Cooperative;
}
