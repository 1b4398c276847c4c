import { en } from './en';
import { vi } from './vi';

/** The same keys as the Vietnamese section, each with its translation. */
export type MessagesOf<T> = { readonly [K in keyof T]: string };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof vi;

const CATALOGUES: Record<Language, MessagesOf<typeof vi>> = { vi, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Looks a label up in the language's catalogue and fills its {placeholders}. */
export function translator(language: Language): Translate {
  const messages = CATALOGUES[language];
  return (key, params) =>
    params
      ? messages[key].replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m))
      : messages[key];
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
