import type { Locale } from './messages.js';
import { themesEn } from './themes-en.js';
import { type ThemesKey, themesNb } from './themes-nb.js';
import { themesNn } from './themes-nn.js';

/** The texts of themes across boards in every language, for the console to add when it loads. */
export const themesTexts: Record<Locale, Record<ThemesKey, string>> = {
  nb: themesNb,
  nn: themesNn,
  en: themesEn,
};
