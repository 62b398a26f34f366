import { LOCALE_IDS, type Locale, type MessageKey, type Messages } from '@torg/shared';

/**
 * Texts a chunk brings along when it loads (the console's: `@torg/shared/locale/console`), on
 * top of the core texts every page has. A participant's phone never loads the console, so its
 * first download carries none of the console's words.
 */
type Texts = Partial<Record<MessageKey, string>>;

const extra: Record<Locale, Texts> = { nb: {}, nn: {}, en: {} };
let version = 0;
const merged = new WeakMap<Messages, { version: number; texts: Texts }>();

/** Adds a chunk's texts in every language (call it where the chunk's module is evaluated). */
export function addTexts(texts: Record<Locale, Texts>): void {
  for (const locale of LOCALE_IDS) Object.assign(extra[locale], texts[locale]);
  version++;
}

/** The core texts of `locale` with every chunk's added so far (kept until more are added). */
export function allTexts(locale: Locale, core: Messages): Texts {
  const known = merged.get(core);
  if (known?.version === version) return known.texts;
  const texts = { ...core, ...extra[locale] };
  merged.set(core, { version, texts });
  return texts;
}
