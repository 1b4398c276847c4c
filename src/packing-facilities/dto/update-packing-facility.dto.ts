import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreatePackingFacilityDto } from './create-packing-facility.dto';

export class UpdatePackingFacilityDto extends PartialType(
  OmitType(CreatePackingFacilityDto, ['code', 'operatorCooperativeId', 'operatorEnterpriseId'] as const),
) {
  @ApiProperty({ description: 'The version you read (optimistic lock)' })
  @IsInt()
  @Min(1)
  version!: number;
}
