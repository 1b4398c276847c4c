import { ApiProperty } from '@nestjs/swagger';
import { Plot } from '../plot.entity';

export class PlotResponse {
  @ApiProperty() id!: string;
  @ApiProperty() growingAreaId!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty({ example: 0.8 }) areaHa!: number;
  @ApiProperty() createdAt!: Date;
}

export const toPlotResponse = (p: Plot): PlotResponse => ({
  id: p.id,
  growingAreaId: p.growingAreaId,
  householdId: p.householdId,
  areaHa: p.areaHa,
  createdAt: p.createdAt,
});
