import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DecimalColumn } from '../database/decimal-column';
import { UuidPrimaryColumn } from '../database/versioned-entity';
import { Household } from '../households/household.entity';
import { GrowingArea } from './growing-area.entity';

/** A household's plot inside a growing-area code. */
@Entity('plots')
@Index('UQ_plots_area_household', ['growingAreaId', 'householdId'], { unique: true })
@Index('IDX_plots_household', ['householdId'])
export class Plot {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 36 }) growingAreaId!: string;
  @Column({ type: 'varchar', length: 36 }) householdId!: string;
  @DecimalColumn() areaHa!: number;
  @CreateDateColumn() createdAt!: Date;
  @ManyToOne(() => GrowingArea)
  @JoinColumn({ name: 'growingAreaId', foreignKeyConstraintName: 'FK_plots_growing_area' })
  growingArea?: GrowingArea;
  @ManyToOne(() => Household)
  @JoinColumn({ name: 'householdId', foreignKeyConstraintName: 'FK_plots_household' })
  household?: Household;
}
