import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { CreateUserDto } from './create-user.dto';

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional({ description: 'false disables login and refresh' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version you read; a newer one on the server answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}
