import { DEFAULT_LOCALE, MAX_THEMED_NOTES, refKey } from '@torg/shared';
import { findThemes, isThemeNote, themeNameOf } from '@torg/shared/themes';
import type { ReportThemes } from './report-model.js';
import type { WorkshopData } from './source.js';

/** The most themes the summary lists per phase. */
const LISTED = 10;

/**
 * The themes the groups share, per phase with at least two groups' boards: the facilitator's
 * reviewed themes where there are some, else the ones found from the notes' words (marked as
 * not reviewed). Only themes from two groups or more; each with how many groups and notes.
 * Notes deleted since the review no longer count.
 */
export function reportThemes(data: WorkshopData): ReportThemes[] {
  const { state } = data;
  const language = state.meta?.locale ?? DEFAULT_LOCALE;
  const notes = new Map<string, { text: string; groupId: string | null }>();
  for (const b of data.boards)
    for (const s of b.shapes)
      if (isThemeNote(s, b.board.template))
        notes.set(refKey({ boardId: b.board.id, shapeId: s.id }), {
          text: s.text,
          groupId: b.board.groupId,
        });

  return state.phases.flatMap((phase) => {
    const boards = data.boards
      .map((b) => b.board)
      .filter((b) => b.phaseId === phase.id && b.groupId !== null && !b.archived);
    const total = new Set(boards.map((b) => b.groupId)).size;
    if (total < 2) return [];
    const set = data.themeSets.find((s) => s.phaseId === phase.id);
    const themes = set
      ? set.themes.map((t) => {
          const theirs = t.notes.flatMap((r) => notes.get(refKey(r)) ?? []);
          return { name: t.name, notes: theirs.length, groups: groupsOf(theirs) };
        })
      : foundThemes(
          boards.map((b) => b.id),
          notes,
          language,
        );
    const shared = themes
      .filter((t) => t.groups >= 2)
      .sort((a, b) => b.groups - a.groups || b.notes - a.notes)
      .slice(0, LISTED);
    if (shared.length === 0) return [];
    return [{ phase: phase.name, reviewed: !!set, groups: total, themes: shared }];
  });
}

/** The themes of the boards' notes as found from their words, named by their words. */
function foundThemes(
  boardIds: readonly string[],
  notes: ReadonlyMap<string, { text: string; groupId: string | null }>,
  language: 'nb' | 'nn' | 'en',
) {
  const prefixes = boardIds.map((id) => `${id}/`);
  const mine = [...notes].filter(([key]) => prefixes.some((p) => key.startsWith(p)));
  if (mine.length > MAX_THEMED_NOTES) return [];
  const found = findThemes(
    mine.map(([id, n]) => ({ id, text: n.text, groupId: n.groupId })),
    language,
  );
  return found.themes.map((t) => ({
    name: themeNameOf(t.words),
    notes: t.noteIds.length,
    groups: t.groupIds.length,
  }));
}

const groupsOf = (notes: readonly { groupId: string | null }[]) =>
  new Set(notes.flatMap((n) => (n.groupId === null ? [] : [n.groupId]))).size;
