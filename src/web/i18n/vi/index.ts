import { common } from './common';
import { enterprise } from './enterprise';
import { cooperative } from './cooperative';
import { official } from './official';

/** The Vietnamese catalogue: every label of the pages, one section per area. */
export const vi = { ...common, ...cooperative, ...enterprise, ...official } as const;
