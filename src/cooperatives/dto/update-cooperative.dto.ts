import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { COOPERATIVE_STATUSES, CooperativeStatus } from '../cooperative.entity';
import { CreateCooperativeDto } from './create-cooperative.dto';

export class UpdateCooperativeDto extends PartialType(CreateCooperativeDto) {
  @ApiPropertyOptional({ enum: COOPERATIVE_STATUSES, description: 'Officials only' })
  @IsOptional()
  @IsIn(COOPERATIVE_STATUSES)
  status?: CooperativeStatus;

  @ApiProperty({ description: 'The version you read; a newer one on the server answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}
