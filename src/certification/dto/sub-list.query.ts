import { PageQuery } from '@lienket/http-common';

/** Paging for a record's own sub-lists (inspections, plots, history). */
export class SubListQuery extends PageQuery(['createdAt'] as const) {}
