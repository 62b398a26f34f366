import { en } from './en.js';
import { type MessageKey, nb } from './nb.js';

export type { MessageKey };
export const LOCALES = { nb, en } as const;
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'nb';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

/**
 * Looks a message up and fills `{name}` placeholders. With `count` 1, the `<key>.one` message
 * is used when there is one ("1 tilbakemelding", not "1 tilbakemeldinger").
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const messages: Record<string, string> = LOCALES[locale];
  const one = params.count === 1 ? messages[`${key}.one`] : undefined;
  const template = one ?? messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
