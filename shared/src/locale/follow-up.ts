import { followUpEn } from './follow-up-en.js';
import { type FollowUpKey, followUpNb } from './follow-up-nb.js';
import { followUpNn } from './follow-up-nn.js';
import type { Locale } from './messages.js';

/**
 * The texts of the series brief, measures and a stakeholder map's input counts in every
 * language, for the chunks that show them to add (`addTexts` in the client) when they load.
 */
export const followUpTexts: Record<Locale, Record<FollowUpKey, string>> = {
  nb: followUpNb,
  nn: followUpNn,
  en: followUpEn,
};
