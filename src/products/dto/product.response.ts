import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_KINDS, PRODUCT_UNITS, Product } from '../product.entity';

export class ProductResponse {
  @ApiProperty({ example: 'custard-apple' }) code!: string;
  @ApiProperty({ example: 'Custard apple (Chi Lăng)' }) name!: string;
  @ApiProperty({ example: 'na (na Chi Lăng)' }) nameVi!: string;
  @ApiProperty({ enum: PRODUCT_KINDS }) kind!: string;
  @ApiProperty({ enum: PRODUCT_UNITS }) unit!: string;
  @ApiProperty({ type: [Number] }) harvestMonths!: number[];
  @ApiProperty({ type: [Number] }) offSeasonMonths!: number[];
  @ApiProperty({ nullable: true, type: Number, description: 'kg per hectare' }) typicalYieldPerHa!:
    number | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const toProductResponse = (p: Product): ProductResponse => ({
  code: p.code,
  name: p.name,
  nameVi: p.nameVi,
  kind: p.kind,
  unit: p.unit,
  harvestMonths: p.harvestMonths,
  offSeasonMonths: p.offSeasonMonths,
  typicalYieldPerHa: p.typicalYieldPerHa,
  notes: p.notes,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
