import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '../../auth/role';

export class CreateUserDto {
  @ApiProperty({ example: 'htx.nacaikinh', description: 'Login name: 3–40 of a-z 0-9 . _ -' })
  @Matches(/^[a-z0-9._-]{3,40}$/, {
    message: 'username must be 3–40 characters of a-z, 0-9, dot, underscore or dash',
  })
  username!: string;

  @ApiProperty({ example: 'Na-Cai-Kinh-2026!', minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: 'Hoàng Thị Lan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName!: string;

  @ApiPropertyOptional({
    example: 'lan.hoang@htx-nacaikinh.vn',
    nullable: true,
    type: String,
    description: 'Where e-mail notifications go; none when absent (null clears it on update)',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ example: '06196', description: 'Binds an official or inspector to one commune' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;
}
