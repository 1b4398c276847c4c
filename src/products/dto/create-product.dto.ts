import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PRODUCT_KINDS, PRODUCT_UNITS } from '../product.entity';

export class CreateProductDto {
  @ApiProperty({ example: 'star-anise', description: 'Lower-case kebab-case key' })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'code must be 2–40 characters of a-z, 0-9 and dashes' })
  code!: string;

  @ApiProperty({ example: 'Star anise' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'hoa hồi', description: 'Vietnamese name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  nameVi!: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  @IsIn(PRODUCT_KINDS)
  kind!: (typeof PRODUCT_KINDS)[number];

  @ApiProperty({ enum: PRODUCT_UNITS, description: 'kg for crops, head for livestock' })
  @IsIn(PRODUCT_UNITS)
  unit!: (typeof PRODUCT_UNITS)[number];

  @ApiProperty({ type: [Number], example: [8, 9, 10], description: 'Months (1–12) of the main harvest' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  harvestMonths!: number[];

  @ApiPropertyOptional({
    type: [Number],
    example: [],
    description: 'Months of an off-season (trái vụ) harvest',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  offSeasonMonths?: number[];

  @ApiPropertyOptional({ example: 5300, description: 'Typical yield, kg per hectare (code misuse check)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  typicalYieldPerHa?: number;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
