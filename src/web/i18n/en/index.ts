import type { MessagesOf } from '../catalogue';
import type { vi } from '../vi';
import { common } from './common';
import { enterprise } from './enterprise';
import { cooperative } from './cooperative';
import { official } from './official';

/** The English catalogue: the same keys as the Vietnamese one (the compiler checks). */
export const en: MessagesOf<typeof vi> = { ...common, ...cooperative, ...enterprise, ...official };
