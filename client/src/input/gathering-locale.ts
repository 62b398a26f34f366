import { isLocale, LOCALE_NAMES } from '@torg/shared';
import { useEffect } from 'react';
import { useLocale } from '../i18n/LocaleProvider.js';

/** Where `LocaleProvider` keeps the language a visitor chose (its `setLocale` writes it). */
const CHOSEN_KEY = 'torg.locale';

function hasChosen(): boolean {
  try {
    return localStorage.getItem(CHOSEN_KEY) !== null;
  } catch {
    return true; // no storage to read: leave the language as it is
  }
}

/**
 * Shows the page in the gathering's language (`locale`, from the round) while the visitor has
 * not chosen one: someone who follows the link to a Nynorsk gathering's question reads the page
 * in Nynorsk. The language switch in the header still changes it, and that choice is theirs
 * (kept as always); the gathering's language is not kept as if they had chosen it.
 */
export function useGatheringLocale(gathering: string | undefined): void {
  const { locale, setLocale } = useLocale();
  useEffect(() => {
    if (!isLocale(gathering) || gathering === locale || hasChosen()) return;
    setLocale(gathering);
    try {
      localStorage.removeItem(CHOSEN_KEY);
    } catch {
      // nothing was kept then either
    }
  }, [gathering, locale, setLocale]);
}

/**
 * The `lang` of the words the organisers and the contributors wrote (the question, the
 * stakeholder types, the inputs): the gathering's language, whatever language the page is in.
 */
export function contentLang(gathering: string | undefined): string | undefined {
  return isLocale(gathering) ? LOCALE_NAMES[gathering].tag : undefined;
}
