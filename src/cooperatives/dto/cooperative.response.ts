import { ApiProperty } from '@nestjs/swagger';
import { COOPERATIVE_STATUSES, Cooperative, CooperativeStatus } from '../cooperative.entity';

export class CooperativeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hợp tác xã Nông nghiệp Na Cai Kinh' }) name!: string;
  @ApiProperty({ example: '4900876543' }) taxCode!: string;
  @ApiProperty({ example: '06427' }) communeCode!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) directorName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0912345678' }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2019-03-15' }) foundedOn!: string | null;
  @ApiProperty({ enum: COOPERATIVE_STATUSES }) status!: CooperativeStatus;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const toCooperativeResponse = (c: Cooperative): CooperativeResponse => ({
  id: c.id,
  name: c.name,
  taxCode: c.taxCode,
  communeCode: c.communeCode,
  address: c.address,
  directorName: c.directorName,
  phone: c.phone,
  foundedOn: c.foundedOn,
  status: c.status,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
