import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CERTIFICATION_STATUSES, CertificationStatus } from '../certification-status';

export class ChangeStatusDto {
  @ApiProperty({ enum: CERTIFICATION_STATUSES, example: 'suspended' })
  @IsIn(CERTIFICATION_STATUSES)
  to!: CertificationStatus;

  @ApiProperty({ example: 'Dư lượng thuốc BVTV vượt ngưỡng trong mẫu ngày 12/11' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
