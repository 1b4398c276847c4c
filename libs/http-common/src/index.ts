export * from './all-exceptions.filter';
export * from './api-ok-page.decorator';
export * from './body-parsing';
export * from './database-errors';
export * from './error-body';
export * from './page-query';
export * from './paginate';
export * from './validation';
