import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@lienket/http-common';
import { IsIn, IsOptional } from 'class-validator';
import { PRODUCT_KINDS } from '../product.entity';

export class ListProductsQuery extends PageQuery(['code', 'name', 'createdAt'] as const) {
  @ApiPropertyOptional({ enum: PRODUCT_KINDS })
  @IsOptional()
  @IsIn(PRODUCT_KINDS)
  kind?: (typeof PRODUCT_KINDS)[number];
}
