import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVnMobile, IsVnTaxCode } from '@lienket/vn-identity';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ENTERPRISE_KINDS, EnterpriseKind } from '../enterprise.entity';

export class CreateEnterpriseDto {
  @ApiProperty({ example: 'Công ty TNHH Nông sản Xứ Lạng', description: 'Name (tên doanh nghiệp)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '4900765432', description: 'Tax code (mã số thuế): 10 digits, or 13 with -NNN' })
  @IsVnTaxCode()
  taxCode!: string;

  @ApiProperty({ enum: ENTERPRISE_KINDS })
  @IsIn(ENTERPRISE_KINDS)
  kind!: EnterpriseKind;

  @ApiPropertyOptional({ example: 'Phường Lương Văn Tri, tỉnh Lạng Sơn' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  address?: string;

  @ApiPropertyOptional({ example: '05983' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Thị Hoa' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  contactName?: string;

  @ApiPropertyOptional({ example: '0987654321' })
  @IsOptional()
  @IsVnMobile()
  phone?: string;

  @ApiPropertyOptional({ example: 'lienhe@nongsanxulang.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ type: [String], example: ['CN', 'VN'], description: 'Markets served, ISO 3166 alpha-2' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Transform(({ value }) =>
    Array.isArray(value) ? value.map((m) => (typeof m === 'string' ? m.toUpperCase() : m)) : value,
  )
  @IsISO31661Alpha2({ each: true, message: 'each value in markets must be an ISO 3166 alpha-2 country code' })
  markets!: string[];
}
