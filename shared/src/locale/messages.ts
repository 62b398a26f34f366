// What a browser needs to show one language; `translate.ts` has them all, for the server.
import { type CoreKey, type MessageKey, nb } from './nb.js';

/** The core texts of one language (the console's come with its chunk: `console.ts`). */
export type Messages = Record<CoreKey, string>;
/** The languages; their texts are in `LOCALES` (translate.ts). */
export const LOCALE_IDS = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof LOCALE_IDS)[number];
export const DEFAULT_LOCALE: Locale = 'nb';
/**
 * Each language's name in itself, the same in every language (so a person finds their own in
 * the list whatever the page shows now), and its tag for `lang` attributes, Intl and documents.
 */
export const LOCALE_NAMES: Record<Locale, { name: string; tag: string }> = {
  nb: { name: 'Bokmål', tag: 'nb-NO' },
  nn: { name: 'Nynorsk', tag: 'nn-NO' },
  en: { name: 'English', tag: 'en-GB' },
};
/**
 * The default language's texts on their own: the browser has these with the app and fetches
 * another language's (`@torg/shared/locale/en`) only when someone chooses it.
 */
export const DEFAULT_MESSAGES: Messages = nb;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALE_IDS as readonly string[]).includes(value);
}

/** `translate` with the texts at hand (a browser that loaded one language). */
export function formatMessage<K extends string = MessageKey>(
  texts: Partial<Record<K, string>>,
  key: K,
  params: Record<string, string | number> = {},
): string {
  const messages: Partial<Record<string, string>> = texts;
  const one = params.count === 1 ? messages[`${key}.one`] : undefined;
  const template = one ?? messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
