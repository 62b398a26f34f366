import {
  frameContents,
  newId,
  ORIGIN_LOCAL,
  type Shape,
  type ShapePatch,
  type Sticky,
  shapeBounds,
  zAbove,
} from '@torg/shared';
import { addShapes, patchShapes, topZ } from './actions.js';
import type { Editor } from './editor/Editor.js';
import { layoutClusters, type NoteCluster } from './sort-layout.js';

/** The fewest notes worth sorting. */
export const MIN_SORTED = 3;

export type SortOutcome = { clusters: number } | 'tooFew' | 'nothing';

/**
 * "Sorter lappene": groups the unlocked notes in a frame by the words they share (the same
 * themes as across boards, `@torg/shared/themes`, loaded on first use: the stemmer is large)
 * and lays the groups out in the frame, each under a label of its shared words, the notes
 * that share nothing last. One transaction of this person's: one undo step.
 */
export async function sortNotes(
  api: Editor,
  frameId: string,
  language: 'nb' | 'nn' | 'en',
  otherLabel: string,
): Promise<SortOutcome> {
  const frame = api.store.get(frameId);
  if (frame?.type !== 'frame') return 'tooFew';
  const inside = frameContents(frameId, api.store.list()).flatMap((id) => api.store.get(id) ?? []);
  const movable = (s: Shape): s is Sticky => s.type === 'sticky' && !s.locked;
  const notes = inside.filter(movable);
  if (notes.length < MIN_SORTED) return 'tooFew';
  const { findThemes } = await import('@torg/shared/themes');
  const found = findThemes(
    notes.map((n) => ({ id: n.id, text: n.text, groupId: null })),
    language,
  );
  if (found.themes.length === 0) return 'nothing';
  const byId = new Map(notes.map((n) => [n.id, n]));
  const notesOf = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const clusters: NoteCluster[] = found.themes.map((theme) => ({
    label: theme.words.join(' · '),
    notes: notesOf(theme.noteIds),
  }));
  if (found.loose.length > 0) clusters.push({ label: otherLabel, notes: notesOf(found.loose) });
  const keepClear = inside
    .filter((s) => !movable(s))
    .flatMap((s) => shapeBounds(s, api.store.lookup) ?? []);
  const layout = layoutClusters(frame, clusters, keepClear);

  const patches = new Map<string, ShapePatch>(layout.moves);
  // A template's section is locked: its size stays (the notes may then reach past it).
  if (layout.frame && !frame.locked) patches.set(frameId, layout.frame);
  let z = topZ(api.store);
  const labels = layout.labels.map((label) => {
    const shape = { ...label, id: newId(), z };
    z = zAbove([z]);
    return shape;
  });
  // Apart from what came before and after, so that one undo takes back exactly this.
  api.undo.stopCapturing();
  api.doc.transact(() => {
    patchShapes(api.doc, patches);
    addShapes(api.doc, labels);
  }, ORIGIN_LOCAL);
  api.undo.stopCapturing();
  return { clusters: clusters.length };
}
