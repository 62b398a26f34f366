import { LOCALE_IDS } from '../locale/messages.js';
import type { Shape } from '../shapes/registry.js';
import type { Sticky } from '../shapes/sticky.js';
import { instantiateTemplate, isBuiltinTemplate } from '../templates/index.js';

const suggestions = new Map<string, ReadonlySet<string>>();

/**
 * Whether a note says exactly what its board's built-in template suggested (the future
 * journey's trend notes "Befolkningsvekst", "Flere eldre" …, in any of the languages): every
 * group's board starts with them, so they would always look like a theme all groups share.
 * A note the group rewrote is theirs.
 */
export function isTemplateSuggestion(template: string, text: string): boolean {
  if (!isBuiltinTemplate(template)) return false;
  let texts = suggestions.get(template);
  if (!texts) {
    texts = new Set(
      LOCALE_IDS.flatMap((locale) =>
        instantiateTemplate(template, {}, locale).flatMap((s) =>
          s.type === 'sticky' && s.text ? [s.text.trim()] : [],
        ),
      ),
    );
    suggestions.set(template, texts);
  }
  return texts.has(text.trim());
}

/**
 * Whether a board's object is a note the themes count: a note with words that its group
 * wrote (not a copy placed on a plenary board's theme, not the template's untouched
 * suggestion).
 */
export function isThemeNote(shape: Shape, template: string): shape is Sticky {
  return (
    shape.type === 'sticky' &&
    shape.text.trim() !== '' &&
    shape.source?.kind !== 'theme' &&
    !isTemplateSuggestion(template, shape.text)
  );
}
