import { inputEn } from './input-en.js';
import { type InputKey, inputNb } from './input-nb.js';
import { inputNn } from './input-nn.js';
import type { Locale } from './messages.js';

/**
 * The texts of an input round's public pages (the question and its form, "Dette gjorde vi med
 * innspillene") in every language, for those pages' chunk to add to what the page can say
 * (`addTexts` in the client) when it loads: a stakeholder may read any of the three.
 */
export const inputTexts: Record<Locale, Record<InputKey, string>> = {
  nb: inputNb,
  nn: inputNn,
  en: inputEn,
};
