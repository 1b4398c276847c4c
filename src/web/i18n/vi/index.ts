import { common } from './common';
import { enterprise } from './enterprise';
import { cooperative } from './cooperative';

/** The Vietnamese catalogue: every label of the pages, one section per area. */
export const vi = { ...common, ...cooperative, ...enterprise } as const;
