import { PageQuery } from '@lienket/http-common';

export class ListEthnicitiesQuery extends PageQuery(['code', 'name'] as const) {}
