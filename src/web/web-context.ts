import type { Request } from 'express';
import type { Actor } from '../auth/actor';
import type { Language, Translate } from './i18n/catalogue';

/** What every page knows about its request: who, in which language, and the form token. */
export interface WebContext {
  actor: Actor;
  lang: Language;
  t: Translate;
  /** The CSRF token every form of this session carries (field `_csrf`). */
  csrf: string;
  unreadCount: number;
  /** The path (with query) of this page, for the language switch and the login's return. */
  path: string;
}

export type WebRequest = Request & { web?: WebContext };
