/// <reference path="./packages.d.ts" />
import snowball from 'snowball-stemmers';
import { eng, nob } from 'stopword';
import { entryOf } from './maps.js';
import { FRAMING_WORDS, NYNORSK_STOP_WORDS, WORD_VARIANTS } from './variants.js';

/** The language a gathering writes; Nynorsk is stemmed as Norwegian. */
export type ThemeLanguage = 'nb' | 'nn' | 'en';

/**
 * Every language's function words at once (a Bokmål gathering writes English words too, and
 * groups of one gathering write Bokmål and Nynorsk side by side), and the framing words.
 */
const STOP_WORDS = new Set<string>([...nob, ...eng, ...NYNORSK_STOP_WORDS, ...FRAMING_WORDS]);

/** The shortest stem another stem is joined to by their common start ("bruk" ← "bruker"). */
const MIN_JOIN = 4;
/** At most this many letters more ("bruk" → "brukern"): an ending, not another word. */
const MAX_ENDING = 2;

/** The terms of notes: what the themes compare. */
export interface NoteTerms {
  /** Per note, in the order given, its distinct terms. */
  terms: string[][];
  /** The word people wrote most often for a term ("tjenestene" for `tjenest`). */
  label(term: string): string;
}

/**
 * The notes' words as terms, so that notes saying the same in other words of the same stem
 * share them: lower case, function words dropped, stemmed (Snowball), stems that differ only
 * by an ending joined ("bruker", "brukerne", "brukarane" → one), Nynorsk stems joined to the
 * Bokmål ones (`variants.ts`), and compounds split into words the notes use on their own
 * ("tjenesteoversikt" → also "tjeneste" and "oversikt"). Everything is decided from the
 * notes themselves, so each theme can be explained by the words it shares.
 */
export function noteTerms(texts: readonly string[], language: ThemeLanguage): NoteTerms {
  const stemmer = stemmerFor(language);
  const variants = variantStems(stemmer);
  const stemOf = (word: string) => {
    const stem = stemmer(word);
    return variants.get(stem) ?? stem;
  };
  const words = texts.map(wordsOf);
  const forms = new Map<string, Map<string, number>>();
  const stems = words.map((list) =>
    list.map((word) => {
      const stem = stemOf(word);
      const seen = entryOf(forms, stem, () => new Map<string, number>());
      seen.set(word, (seen.get(word) ?? 0) + 1);
      return stem;
    }),
  );
  const canonical = joinEndings(forms.keys());
  const parts = splitCompounds(canonical, stemOf);
  const terms = stems.map((list) => {
    const found = new Set<string>();
    for (const stem of list) {
      found.add(canonical.get(stem) ?? stem);
      for (const part of parts.get(stem) ?? []) found.add(part);
    }
    return [...found];
  });
  const labels = labelsOf(forms, canonical);
  return { terms, label: (term) => labels.get(term) ?? term };
}

/** A text's words, lower case, without function or framing words, digits or single letters. */
export function wordsOf(text: string): string[] {
  const words =
    text
      .normalize('NFC')
      .toLocaleLowerCase('nb')
      .match(/\p{L}+/gu) ?? [];
  return words.filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

const stemmers = new Map<string, (word: string) => string>();

/** A stemmer with its own memory: notes repeat their words. */
function stemmerFor(language: ThemeLanguage): (word: string) => string {
  const algorithm = language === 'en' ? 'english' : 'norwegian';
  const known = stemmers.get(algorithm);
  if (known) return known;
  const stemmer = snowball.newStemmer(algorithm);
  const memory = new Map<string, string>();
  const stem = (word: string): string => {
    const remembered = memory.get(word);
    if (remembered !== undefined) return remembered;
    const found = stemmer.stem(word);
    if (memory.size < 50_000) memory.set(word, found);
    return found;
  };
  stemmers.set(algorithm, stem);
  return stem;
}

/** `WORD_VARIANTS` as stems, in the stemmer's terms. */
function variantStems(stem: (word: string) => string): Map<string, string> {
  const norwegian = stemmerFor('nb');
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(WORD_VARIANTS)) {
    // English gatherings' notes are stemmed in English; a Norwegian word in them still is
    // the Norwegian stem, so the table is read in Norwegian for every language.
    map.set(norwegian(from), norwegian(to));
    if (stem !== norwegian) map.set(stem(from), stem(to));
  }
  return map;
}

/** Each stem → the shortest stem it extends by at most an ending ("brukern" → "bruk"). */
function joinEndings(stems: Iterable<string>): Map<string, string> {
  const all = new Set(stems);
  const canonical = new Map<string, string>();
  for (const stem of [...all].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))) {
    let root = stem;
    for (let cut = 1; cut <= MAX_ENDING; cut++) {
      const start = stem.slice(0, -cut);
      if (start.length >= MIN_JOIN && all.has(start)) {
        root = canonical.get(start) ?? start;
        break;
      }
    }
    canonical.set(stem, root);
  }
  return canonical;
}

/**
 * A compound's parts, for compounds whose first part the notes also use alone (at least four
 * letters, without a joining "s" or "e"): the first part, and the last part when the notes
 * use it alone too ("møtetid" → "møt", "tid"; "ansvarsgrenser" → "ansvar", "grens";
 * "kontaktperson" → "kontakt" when nobody wrote "person").
 */
function splitCompounds(
  canonical: Map<string, string>,
  stemOf: (word: string) => string,
): Map<string, string[]> {
  const known = (stem: string) => canonical.get(stem) ?? canonical.get(stemOf(stem));
  const parts = new Map<string, string[]>();
  for (const stem of canonical.keys()) {
    if (stem.length < 7) continue;
    let found: string[] | undefined;
    for (let at = 4; at <= stem.length - 3; at++) {
      const start = stem.slice(0, at);
      const first =
        known(start) ?? (/[se]$/.test(start) && at > 4 ? known(start.slice(0, -1)) : undefined);
      if (!first || first === canonical.get(stem)) continue;
      const last = known(stem.slice(at));
      // Both parts known: the split. Only the first: kept while looking for a better one.
      if (last) {
        found = [first, last];
        break;
      }
      found ??= [first];
    }
    if (found) parts.set(stem, found);
  }
  return parts;
}

/** Each term's most written word (ties: the shorter, then the first in order). */
function labelsOf(
  forms: Map<string, Map<string, number>>,
  canonical: Map<string, string>,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const [stem, words] of forms) {
    const term = canonical.get(stem) ?? stem;
    const seen = entryOf(counts, term, () => new Map<string, number>());
    for (const [word, n] of words) seen.set(word, (seen.get(word) ?? 0) + n);
  }
  const labels = new Map<string, string>();
  for (const [term, words] of counts) {
    const best = [...words].sort(
      ([a, n], [b, m]) => m - n || a.length - b.length || (a < b ? -1 : 1),
    )[0];
    if (best) labels.set(term, best[0]);
  }
  return labels;
}
