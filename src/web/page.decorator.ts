import { applyDecorators, Header, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { WebAuthGuard } from './web-auth.guard';
import { WebErrorsFilter } from './web-errors.filter';

/** A signed-in web page (HTML): the pages' session and CSRF check instead of the API's bearer token. */
export const Page = () =>
  applyDecorators(
    Public(),
    UseGuards(WebAuthGuard),
    UseFilters(WebErrorsFilter),
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'no-store'),
    ApiExcludeEndpoint(),
  );

/** A page anyone may open (the login page): HTML, errors as pages, no session needed. */
export const PublicPage = () =>
  applyDecorators(
    Public(),
    UseFilters(WebErrorsFilter),
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'no-store'),
    ApiExcludeEndpoint(),
  );
