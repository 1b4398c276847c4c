import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class DeleteHouseholdDto {
  @ApiProperty({
    example: 'Registered twice; kept the record with the newer CCCD',
    description: 'Why (audited)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
