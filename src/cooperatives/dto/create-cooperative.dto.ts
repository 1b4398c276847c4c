import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVnMobile, IsVnTaxCode } from '@lienket/vn-identity';
import { IsDateString, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateCooperativeDto {
  @ApiProperty({ example: 'Hợp tác xã Nông nghiệp Na Cai Kinh', description: 'Name (tên hợp tác xã)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '4900876543', description: 'Tax code (mã số thuế): 10 digits, or 13 with -NNN' })
  @IsVnTaxCode()
  taxCode!: string;

  @ApiProperty({ example: '06427', description: 'Commune (xã/phường) code' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ example: 'Thôn Làng Ngò, xã Cai Kinh' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  address?: string;

  @ApiPropertyOptional({ example: 'Hoàng Văn Thắng', description: 'Director (giám đốc)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  directorName?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsVnMobile()
  phone?: string;

  @ApiPropertyOptional({ example: '2019-03-15', description: 'Founding date (ngày thành lập), YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'foundedOn must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'foundedOn must be a date YYYY-MM-DD' })
  foundedOn?: string;
}
