import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CreateUserDto } from './create-user.dto';

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username', 'fullName'] as const)) {
  @ApiPropertyOptional({ example: 'Hoàng Thị Lan' })
  // Not @IsOptional(): that lets null through, and the name (and its search key) may not be cleared.
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName?: string;

  @ApiPropertyOptional({ description: 'false disables login and refresh' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version you read; a newer one on the server answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}
