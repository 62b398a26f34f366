// Apart from messages.ts: this module holds every language at once (the server's exports and the
// template builder), while a browser loads only the texts of the language it shows.
import { consoleTexts } from './console.js';
import { en } from './en.js';
import { followUpTexts } from './follow-up.js';
import { inputTexts } from './input.js';
import { formatMessage, type Locale } from './messages.js';
import type { MessageKey } from './nb.js';
import { nb } from './nb.js';
import { nn } from './nn.js';
import { reportEn } from './report-en.js';
import { type ReportKey, reportNb } from './report-nb.js';
import { reportNn } from './report-nn.js';
import { themesTexts } from './themes.js';

/** Every text the server may write: the app's and the exported files'. */
export type TextKey = MessageKey | ReportKey;

export const LOCALES: Record<Locale, Record<TextKey, string>> = {
  nb: {
    ...nb,
    ...consoleTexts.nb,
    ...inputTexts.nb,
    ...followUpTexts.nb,
    ...themesTexts.nb,
    ...reportNb,
  },
  nn: {
    ...nn,
    ...consoleTexts.nn,
    ...inputTexts.nn,
    ...followUpTexts.nn,
    ...themesTexts.nn,
    ...reportNn,
  },
  en: {
    ...en,
    ...consoleTexts.en,
    ...inputTexts.en,
    ...followUpTexts.en,
    ...themesTexts.en,
    ...reportEn,
  },
};

/**
 * Looks a message up and fills `{name}` placeholders. With `count` 1, the `<key>.one` message
 * is used when there is one ("1 tilbakemelding", not "1 tilbakemeldinger").
 */
export function translate(
  locale: Locale,
  key: TextKey,
  params: Record<string, string | number> = {},
): string {
  return formatMessage<TextKey>(LOCALES[locale], key, params);
}
