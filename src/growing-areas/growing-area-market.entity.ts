import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GrowingArea } from './growing-area.entity';

/** A target market (ISO 3166 alpha-2) of an export code: a row each, so `market=CN` is an index lookup. */
@Entity('growing_area_markets')
@Index('IDX_growing_area_markets_market', ['market', 'growingAreaId'])
export class GrowingAreaMarket {
  @PrimaryColumn({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @PrimaryColumn({ type: 'varchar', length: 2 }) market!: string;
  @ManyToOne(() => GrowingArea, (g) => g.markets)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_growing_area_markets_area' })
  growingArea?: GrowingArea;
}
