import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreateGrowingAreaDto } from './create-growing-area.dto';

/** Everything but the code and kind, which a new certificate would change. */
export class UpdateGrowingAreaDto extends PartialType(
  OmitType(CreateGrowingAreaDto, ['code', 'kind'] as const),
) {
  @ApiProperty({ description: 'The version you read (optimistic lock)' })
  @IsInt()
  @Min(1)
  version!: number;
}
