import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOkPage, ErrorBody, Page } from '@lienket/http-common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateProductDto } from './dto/create-product.dto';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductResponse } from './dto/product.response';
import { ProductsService } from './products.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOkPage(ProductResponse)
  list(@Query() q: ListProductsQuery): Promise<Page<ProductResponse>> {
    return this.products.list(q);
  }

  @Get(':code')
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  findOne(@Param('code') code: string): Promise<ProductResponse> {
    return this.products.findOne(code);
  }

  @Post()
  @Roles('official', 'admin')
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'A product with this code exists' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductResponse> {
    return this.products.create(actor, dto);
  }
}
