import {
  type Frame,
  PLACEMENT_GAP,
  type Rect,
  type Sticky,
  TEXT_SIZES,
  type TextShape,
  textDefaults,
} from '@torg/shared';

/** A group of notes as "Sorter lappene" lays it out: its label and its notes. */
export interface NoteCluster {
  label: string;
  notes: readonly Sticky[];
}

/** What sorting changes: where each note goes, the labels to add, the frame's new size. */
export interface SortLayout {
  moves: Map<string, { x: number; y: number }>;
  labels: Omit<TextShape, 'id' | 'z'>[];
  frame: { w: number; h: number } | null;
}

const PAD = PLACEMENT_GAP * 2;
const LABEL_H = TEXT_SIZES.s * 2;
/** Notes side by side in a cluster at most (a cluster is a small block, not a long row). */
const MAX_COLUMNS = 3;

/**
 * The clusters inside `frame`, as blocks left to right in rows ("shelves"), each a small
 * grid of its notes under its label, below what else the frame holds at its top (a
 * template's guide text: `keepClear`). The frame grows when the blocks need more room; it
 * never shrinks.
 */
export function layoutClusters(
  frame: Frame,
  clusters: readonly NoteCluster[],
  keepClear: readonly Rect[],
): SortLayout {
  const cell = Math.max(...clusters.flatMap((c) => c.notes.map((n) => Math.max(n.w, n.h))));
  const step = cell + PLACEMENT_GAP;
  const left = frame.x + PAD;
  const clearBelow = keepClear
    .filter((r) => r.y < frame.y + frame.h / 3)
    .reduce((bottom, r) => Math.max(bottom, r.y + r.h), frame.y);
  const top = clearBelow + PAD;
  const inner = frame.w - PAD * 2;
  const moves = new Map<string, { x: number; y: number }>();
  const labels: SortLayout['labels'] = [];
  let x = left;
  let y = top;
  let shelf = 0;
  let right = left;
  for (const cluster of clusters) {
    const columns = Math.min(MAX_COLUMNS, Math.ceil(Math.sqrt(cluster.notes.length)));
    const rows = Math.ceil(cluster.notes.length / columns);
    const w = columns * step - PLACEMENT_GAP;
    const h = LABEL_H + rows * step;
    if (x > left && x + w - left > inner) {
      x = left;
      y += shelf + PAD;
      shelf = 0;
    }
    labels.push({
      ...textDefaults(),
      x,
      y,
      w,
      h: LABEL_H,
      text: cluster.label,
      size: 's',
      bold: true,
    });
    cluster.notes.forEach((note, i) => {
      moves.set(note.id, {
        x: x + (i % columns) * step,
        y: y + LABEL_H + Math.floor(i / columns) * step,
      });
    });
    right = Math.max(right, x + w);
    x += w + PAD;
    shelf = Math.max(shelf, h);
  }
  const needW = right + PAD - frame.x;
  const needH = y + shelf + PAD - frame.y;
  const grows = needW > frame.w || needH > frame.h;
  return {
    moves,
    labels,
    frame: grows ? { w: Math.max(frame.w, needW), h: Math.max(frame.h, needH) } : null,
  };
}
