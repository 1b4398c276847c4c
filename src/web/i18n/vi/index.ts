import { common } from './common';

/** The Vietnamese catalogue: every label of the pages, one section per area. */
export const vi = { ...common } as const;
