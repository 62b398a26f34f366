import { clusterByTerms, termWeights } from './cluster.js';
import { noteTerms, type ThemeLanguage } from './words.js';

/** A note as the themes see it: its words and the group that wrote it (null: none). */
export interface ThemeNote {
  id: string;
  text: string;
  groupId: string | null;
}

/** A theme found: named by its strongest words, with its notes and the groups behind them. */
export interface FoundTheme {
  /** The words most of its notes share, strongest first (at most three). */
  words: string[];
  noteIds: string[];
  /** The groups that wrote its notes, in the order of the notes given. */
  groupIds: string[];
}

/** How alike (cosine) two groups of notes must be on average to be one theme. */
export const THEME_THRESHOLD = 0.22;
/** The most words a theme is named by. */
const NAME_WORDS = 3;

/**
 * Groups notes into themes by the words they share (`words.ts`, `cluster.ts`), locally and
 * explainably: a theme is named by the words its notes have in common. Themes written by
 * more groups come first ("3 av 5 grupper"), then larger ones. Notes that share no theme with
 * another note are `loose`.
 */
export function findThemes(
  notes: readonly ThemeNote[],
  language: ThemeLanguage,
  threshold = THEME_THRESHOLD,
): { themes: FoundTheme[]; loose: string[] } {
  const { terms, label } = noteTerms(
    notes.map((n) => n.text),
    language,
  );
  const groups = notes.map((n) => n.groupId);
  const weights = termWeights(terms, groups);
  const clusters = clusterByTerms(terms, groups, threshold);
  const themes: FoundTheme[] = [];
  const loose: string[] = [];
  for (const members of clusters) {
    if (members.length < 2) {
      for (const i of members) loose.push((notes[i] as ThemeNote).id);
      continue;
    }
    const shared = new Map<string, number>();
    for (const i of members)
      for (const term of terms[i] ?? []) shared.set(term, (shared.get(term) ?? 0) + 1);
    const words = [...shared]
      .filter(([, n]) => n >= 2)
      .map(([term, n]) => ({ term, score: n * (weights.get(term) ?? 0) }))
      .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
      .slice(0, NAME_WORDS)
      .map((w) => label(w.term));
    const theirs = members.map((i) => notes[i] as ThemeNote);
    themes.push({
      words,
      noteIds: theirs.map((n) => n.id),
      groupIds: [...new Set(theirs.flatMap((n) => (n.groupId === null ? [] : [n.groupId])))],
    });
  }
  themes.sort(
    (a, b) =>
      b.groupIds.length - a.groupIds.length ||
      b.noteIds.length - a.noteIds.length ||
      (a.words[0] ?? '').localeCompare(b.words[0] ?? '', 'nb'),
  );
  return { themes, loose };
}

/** "Kontakte, kontaktperson": a found theme's name until someone gives it one. */
export function themeNameOf(words: readonly string[]): string {
  const name = words.join(', ') || '–';
  return (name.charAt(0).toLocaleUpperCase('nb') + name.slice(1)).slice(0, 80);
}
