import { Type as ClassType } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';

export const MAX_PAGE_SIZE = 200;
/** Deep offsets make the database skip that many rows: beyond this, filter or export instead. */
export const MAX_OFFSET = 100_000;

const WithinMaxOffset = () =>
  ValidateBy({
    name: 'withinMaxOffset',
    validator: {
      validate: (page: unknown, args) => {
        const limit = Number((args?.object as { limit?: unknown }).limit ?? 20);
        return typeof page !== 'number' || (page - 1) * (Number.isFinite(limit) ? limit : 20) <= MAX_OFFSET;
      },
      defaultMessage: () =>
        `page × limit may reach ${MAX_OFFSET} rows at most; narrow the filters or use the export`,
    },
  });

export interface PageParams<S extends string = string> {
  page: number;
  limit: number;
  sort?: S | `-${S}`;
}

/**
 * Builds the query DTO base for a list: `page` from 1, `limit` ≤ 200 (default 20) and `sort`
 * checked against the given fields (`field` ascending, `-field` descending).
 */
export function PageQuery<S extends string>(sortFields: readonly S[]): ClassType<PageParams<S>> {
  const allowed = sortFields.flatMap((f) => [f, `-${f}`]);
  class PageQueryDto implements PageParams<S> {
    // Typed here: the property has no annotation, so its emitted design type is Object.
    @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @WithinMaxOffset()
    page = 1;

    @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE_SIZE)
    limit = 20;

    @ApiPropertyOptional({ enum: allowed, description: '`field` ascending or `-field` descending' })
    @IsOptional()
    @IsIn(allowed, { message: `sort must be one of: ${allowed.join(', ')}` })
    sort?: S | `-${S}`;
  }
  return PageQueryDto;
}
