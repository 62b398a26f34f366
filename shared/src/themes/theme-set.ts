import type * as Y from 'yjs';
import { newId } from '../ids.js';
import { readMap } from '../workshop.js';
import { z } from '../zod.js';

/**
 * A phase's themes as the facilitator reviews them ("Mye er sammenfallende"): found by
 * `findThemes` from the groups' notes, then renamed, merged, split and sorted by hand, and
 * placed on a plenary board. Stored in the gathering's server-only document (`i.<id>`, map
 * `themes`, one set per phase): participants never need it, and it goes into the backup and
 * is deleted with the gathering like the input rounds beside it.
 *
 * A theme holds references to notes, never their words: the notes stay on the groups' boards
 * and the themes show what they say now.
 */
export const THEMES_MAP = 'themes';
export const MAX_THEMES = 80;
export const THEME_NAME_MAX = 80;
/** The most notes themes are found across at once (1,500: about 0.25 s on one core). */
export const MAX_THEMED_NOTES = 1500;
/** The most boards themes are found across (a phase's group boards and plenary boards). */
export const MAX_THEME_BOARDS = 40;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));

export const noteRefSchema = z.object({ boardId: id, shapeId: id });
export type NoteRef = z.infer<typeof noteRefSchema>;

export const themeSchema = z.object({
  id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(THEME_NAME_MAX)),
  /** The words its notes share, strongest first, as found (the name may be changed). */
  words: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(3)),
  notes: z.array(noteRefSchema).check(z.minLength(1)),
});
export type Theme = z.infer<typeof themeSchema>;

export const themeSetSchema = z.object({
  phaseId: id,
  /** The boards the themes were found across. */
  boardIds: z.array(id).check(z.maxLength(MAX_THEME_BOARDS)),
  themes: z.array(themeSchema).check(z.maxLength(MAX_THEMES)),
  /** Notes in no theme. */
  loose: z.array(noteRefSchema),
  /** Counts every change (finding anew, each step of the review). */
  rev: z.int(),
  foundAt: z.number(),
  /** Whether a facilitator has changed anything since the themes were found. */
  reviewed: z.boolean(),
  /** The plenary board the themes were last placed on. */
  placed: z.nullable(z.object({ boardId: id, at: z.number() })),
});
export type ThemeSet = z.infer<typeof themeSetSchema>;

/** `POST …/themes`: finds a phase's themes anew (all its group boards, or those given). */
export const findThemesBody = z.object({
  phaseId: id,
  boardIds: z.optional(z.array(id).check(z.minLength(1), z.maxLength(MAX_THEME_BOARDS))),
});
/** The most notes split off at once. */
export const MAX_SPLIT_NOTES = 500;

const themeName = z.string().check(z.trim(), z.minLength(1), z.maxLength(THEME_NAME_MAX));

/**
 * `POST …/themes/<phaseId>/review`: one step of the review, applied to the themes as they are
 * on the server (two facilitators reviewing at once each see the other's steps).
 */
export const reviewThemesBody = z.discriminatedUnion('op', [
  z.object({ op: z.literal('rename'), themeId: id, name: themeName }),
  z.object({
    op: z.literal('merge'),
    themeIds: z.array(id).check(z.minLength(2), z.maxLength(MAX_THEMES)),
  }),
  z.object({
    op: z.literal('split'),
    themeId: id,
    notes: z.array(noteRefSchema).check(z.minLength(1), z.maxLength(MAX_SPLIT_NOTES)),
    name: themeName,
  }),
  /** `to`: a theme, or null for no theme. */
  z.object({ op: z.literal('move'), note: noteRefSchema, to: z.nullable(id) }),
]);
export type ThemeReview = z.infer<typeof reviewThemesBody>;

/** `POST …/themes/<phaseId>/place`: onto which plenary board. */
export const placeThemesBody = z.object({ boardId: id });

/** A note a theme refers to, as the console shows it (its words as they are now). */
export interface ThemeNoteView extends NoteRef {
  text: string;
  groupId: string | null;
}

/** A phase's themes with their notes' words (`GET …/themes/<phaseId>`). */
export interface ThemeSetView extends ThemeSet {
  /** The notes the themes and loose notes refer to that are still on their boards. */
  notes: ThemeNoteView[];
  /** Notes written on the boards since the themes were found (in no theme, not loose). */
  newNotes: number;
}

export function readThemeSets(doc: Y.Doc): ThemeSet[] {
  return readMap(doc.getMap(THEMES_MAP), themeSetSchema);
}

export function writeThemeSet(doc: Y.Doc, set: ThemeSet): void {
  themeSetSchema.parse(set);
  doc.getMap(THEMES_MAP).set(set.phaseId, set);
}

export const refKey = (ref: NoteRef) => `${ref.boardId}/${ref.shapeId}`;

/** Whether the themes and loose notes name each note at most once; the reason otherwise. */
export function themeSetProblem(
  themes: readonly Theme[],
  loose: readonly NoteRef[],
): string | null {
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const theme of themes) {
    if (ids.has(theme.id)) return `theme ${theme.id} twice`;
    ids.add(theme.id);
  }
  for (const ref of [...themes.flatMap((t) => t.notes), ...loose]) {
    const key = refKey(ref);
    if (seen.has(key)) return `note ${key} in more than one place`;
    seen.add(key);
  }
  if (seen.size > MAX_THEMED_NOTES) return `more than ${MAX_THEMED_NOTES} notes`;
  return null;
}

// The review, as the console does it: each returns the changed themes and loose notes.
type Review = Pick<ThemeSet, 'themes' | 'loose'>;

export function renameTheme(set: Review, themeId: string, name: string): Review {
  return { ...set, themes: set.themes.map((t) => (t.id === themeId ? { ...t, name } : t)) };
}

/** Joins the themes into the first of them (its name; the words of all, strongest first). */
export function mergeThemes(set: Review, themeIds: readonly string[]): Review {
  const joined = set.themes.filter((t) => themeIds.includes(t.id));
  const [first, ...rest] = joined;
  if (!first || rest.length === 0) return set;
  const merged: Theme = {
    ...first,
    words: [...new Set(joined.flatMap((t) => t.words))].slice(0, 3),
    notes: joined.flatMap((t) => t.notes),
  };
  return {
    ...set,
    themes: set.themes.flatMap((t) => (t === first ? [merged] : rest.includes(t) ? [] : [t])),
  };
}

/** Takes `notes` out of their theme into a new theme called `name`, right after it. */
export function splitTheme(
  set: Review,
  themeId: string,
  notes: readonly NoteRef[],
  name: string,
): Review {
  const keys = new Set(notes.map(refKey));
  const theme = set.themes.find((t) => t.id === themeId);
  if (!theme) return set;
  const staying = theme.notes.filter((n) => !keys.has(refKey(n)));
  const leaving = theme.notes.filter((n) => keys.has(refKey(n)));
  if (staying.length === 0 || leaving.length === 0) return set;
  const split: Theme = { id: newId(), name, words: [], notes: leaving };
  return {
    ...set,
    themes: set.themes.flatMap((t) => (t === theme ? [{ ...t, notes: staying }, split] : [t])),
  };
}

/**
 * Moves a note into a theme, or out of every theme (`to` null: loose). A theme left without
 * notes goes.
 */
export function moveNote(set: Review, note: NoteRef, to: string | null): Review {
  const key = refKey(note);
  const without = (refs: readonly NoteRef[]) => refs.filter((r) => refKey(r) !== key);
  const themes = set.themes.flatMap((t) => {
    const notes = t.id === to ? [...without(t.notes), note] : without(t.notes);
    return notes.length > 0 ? [{ ...t, notes }] : [];
  });
  return { themes, loose: to === null ? [...without(set.loose), note] : without(set.loose) };
}

/**
 * One step of the review on `set`, or the reason it cannot be taken (an unknown theme, a note
 * that is not among the themes' notes, a split that would leave a theme empty).
 */
export function applyReview(set: Review, step: ThemeReview): Review | string {
  const theme = (themeId: string) => set.themes.find((t) => t.id === themeId);
  const known = new Set([...set.themes.flatMap((t) => t.notes), ...set.loose].map(refKey));
  switch (step.op) {
    case 'rename':
      return theme(step.themeId) ? renameTheme(set, step.themeId, step.name) : 'no such theme';
    case 'merge':
      if (new Set(step.themeIds).size !== step.themeIds.length) return 'a theme named twice';
      return step.themeIds.every(theme) ? mergeThemes(set, step.themeIds) : 'no such theme';
    case 'split': {
      const from = theme(step.themeId);
      if (!from) return 'no such theme';
      if (set.themes.length >= MAX_THEMES) return `at most ${MAX_THEMES} themes`;
      const inIt = new Set(from.notes.map(refKey));
      const keys = new Set(step.notes.map(refKey));
      if (![...keys].every((k) => inIt.has(k))) return 'a note that is not in the theme';
      if (keys.size >= inIt.size) return 'a split must leave notes in the theme';
      return splitTheme(set, step.themeId, step.notes, step.name);
    }
    case 'move':
      if (!known.has(refKey(step.note))) return "a note that is not among the themes' notes";
      if (step.to !== null && !theme(step.to)) return 'no such theme';
      return moveNote(set, step.note, step.to);
  }
}
