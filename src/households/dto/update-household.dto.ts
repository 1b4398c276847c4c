import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreateHouseholdDto } from './create-household.dto';

export class UpdateHouseholdDto extends PartialType(
  OmitType(CreateHouseholdDto, ['cooperativeId'] as const),
) {
  @ApiProperty({ description: 'The version you read; a newer one on the server answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}
