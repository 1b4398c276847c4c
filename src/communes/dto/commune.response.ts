import { ApiProperty } from '@nestjs/swagger';
import { Commune } from '../commune.entity';

export class CommuneResponse {
  @ApiProperty({ example: '06196' }) code!: string;
  @ApiProperty({ example: 'Ba Sơn' }) name!: string;
  @ApiProperty({ enum: ['commune', 'ward'], description: 'xã or phường' }) type!: 'commune' | 'ward';
  @ApiProperty({
    example: 'Cao Lộc',
    description: 'District of the unit whose code was kept (districts ended in 2025)',
  })
  formerDistrict!: string;
  @ApiProperty({ type: [String], example: ['Xã Cao Lâu', 'Xã Xuất Lễ'] }) mergedFrom!: string[];
}

export const toCommuneResponse = (c: Commune): CommuneResponse => ({
  code: c.code,
  name: c.name,
  type: c.type,
  formerDistrict: c.formerDistrict,
  mergedFrom: c.mergedFrom,
});
