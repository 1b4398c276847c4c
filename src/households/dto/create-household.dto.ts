import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CccdAgreesWith, IsCccd, IsVnMobile } from '@lienket/vn-identity';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GENDERS, Gender, POVERTY_STATUSES, PovertyStatus } from '../household.entity';
import { ConsentDto } from './consent.dto';

export class CreateHouseholdDto {
  @ApiProperty({ example: 'Hoàng Văn Thụ', description: 'Head of household (chủ hộ), as written' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  headName!: string;

  @ApiProperty({
    example: '020085001234',
    description: 'CCCD: 12 digits, province code first (Lạng Sơn 020)',
  })
  @IsCccd()
  @CccdAgreesWith('birthYear', 'gender')
  nationalId!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ example: 1985 })
  @IsInt()
  @Min(1900)
  @Max(new Date().getFullYear())
  birthYear!: number;

  @ApiProperty({
    example: '02',
    description: 'Ethnic group code (GET /ethnicities): 01 Kinh, 02 Tày, 07 Nùng…',
  })
  @Matches(/^\d{2}$/, { message: 'ethnicity must be a two-digit code from GET /ethnicities' })
  ethnicity!: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Vietnamese mobile' })
  @IsOptional()
  @IsVnMobile()
  phone?: string;

  @ApiProperty({ example: '06427', description: 'Commune (xã/phường) code' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ example: 'Thôn Làng Ngò', description: 'Village (thôn/bản)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  village?: string;

  @ApiProperty({ example: 5, description: 'Number of people in the household (số nhân khẩu)' })
  @IsInt()
  @Min(1)
  @Max(50)
  memberCount!: number;

  @ApiProperty({ enum: POVERTY_STATUSES, description: 'Multidimensional poverty status' })
  @IsIn(POVERTY_STATUSES)
  povertyStatus!: PovertyStatus;

  @ApiPropertyOptional({ example: 2025, description: 'Year the poverty status was assessed' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(new Date().getFullYear())
  povertyAssessedYear?: number;

  @ApiPropertyOptional({ type: ConsentDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Officials: the cooperative the household joins. Cooperative staff: always their own.',
  })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
