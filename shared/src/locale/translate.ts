// Apart from messages.ts: this module holds every language at once (the server's exports and the
// template builder), while a browser loads only the texts of the language it shows.
import { en } from './en.js';
import { formatMessage, type Locale, type Messages } from './messages.js';
import type { MessageKey } from './nb.js';
import { nb } from './nb.js';

export const LOCALES: Record<Locale, Messages> = { nb, en };

/**
 * Looks a message up and fills `{name}` placeholders. With `count` 1, the `<key>.one` message
 * is used when there is one ("1 tilbakemelding", not "1 tilbakemeldinger").
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return formatMessage(LOCALES[locale], key, params);
}
