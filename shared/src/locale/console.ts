import { consoleEn } from './console-en.js';
import { type ConsoleKey, consoleNb } from './console-nb.js';
import { consoleNn } from './console-nn.js';
import type { Locale } from './messages.js';

/**
 * The facilitator console's texts in every language, for the console's chunk to add to what
 * the page can say (`addTexts` in the client) when it loads: few enough to come along whole.
 */
export const consoleTexts: Record<Locale, Record<ConsoleKey, string>> = {
  nb: consoleNb,
  nn: consoleNn,
  en: consoleEn,
};
