import { ApiProperty } from '@nestjs/swagger';
import { ENTERPRISE_KINDS, Enterprise, EnterpriseKind } from '../enterprise.entity';

export class EnterpriseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Công ty TNHH Nông sản Xứ Lạng' }) name!: string;
  @ApiProperty({ example: '4900765432' }) taxCode!: string;
  @ApiProperty({ enum: ENTERPRISE_KINDS }) kind!: EnterpriseKind;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) communeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ type: [String], example: ['CN', 'VN'] }) markets!: string[];
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const toEnterpriseResponse = (e: Enterprise): EnterpriseResponse => ({
  id: e.id,
  name: e.name,
  taxCode: e.taxCode,
  kind: e.kind,
  address: e.address,
  communeCode: e.communeCode,
  contactName: e.contactName,
  phone: e.phone,
  email: e.email,
  markets: e.markets,
  version: e.version,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});
