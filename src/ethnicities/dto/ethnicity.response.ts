import { ApiProperty } from '@nestjs/swagger';
import { Ethnicity } from '../ethnicity.entity';

export class EthnicityResponse {
  @ApiProperty({ example: '02', description: 'Statistics-office code, sent as `ethnicity` on households' })
  code!: string;
  @ApiProperty({ example: 'Tày' }) name!: string;
  @ApiProperty({ example: 'Tay' }) nameEn!: string;
  @ApiProperty({ description: 'true for every group but Kinh' }) minority!: boolean;
}

export const toEthnicityResponse = (e: Ethnicity): EthnicityResponse => ({
  code: e.code,
  name: e.name,
  nameEn: e.nameEn,
  minority: e.minority,
});
