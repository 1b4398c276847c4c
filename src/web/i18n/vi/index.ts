import { common } from './common';
import { enterprise } from './enterprise';

/** The Vietnamese catalogue: every label of the pages, one section per area. */
export const vi = { ...common, ...enterprise } as const;
