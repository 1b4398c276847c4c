import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { GrowingArea } from '../growing-areas/growing-area.entity';

/** Expected volume (kg, or heads) of a code's product for a period (dự kiến sản lượng). */
@Entity('forecasts')
@Index('IDX_forecasts_area_period', ['growingAreaId', 'periodStart'])
@Index('IDX_forecasts_product_period', ['productCode', 'periodStart', 'periodEnd'])
export class Forecast {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @Column({ type: 'varchar', length: 40 }) productCode!: string;
  @Column({ type: 'date' }) periodStart!: string;
  @Column({ type: 'date' }) periodEnd!: string;
  @DecimalColumn() volume!: number;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => GrowingArea)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_forecasts_growing_area' })
  growingArea?: GrowingArea;
}

/** A harvest actually taken from a code (thu hoạch), recorded after the fact. */
@Entity('harvests')
@Index('IDX_harvests_area_date', ['growingAreaId', 'harvestedOn'])
export class Harvest {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @Column({ type: 'varchar', length: 40 }) productCode!: string;
  @Column({ type: 'date' }) harvestedOn!: string;
  @DecimalColumn() volume!: number;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => GrowingArea)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_harvests_growing_area' })
  growingArea?: GrowingArea;
}
