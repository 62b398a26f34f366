import {
  frameDefaults,
  lookupFrom,
  newId,
  PLACEMENT_GAP,
  type Shape,
  type Sticky,
  shapeBounds,
  stickyDefaults,
  zAbove,
} from '@torg/shared';

/** A theme as it goes onto a plenary board: its frame's title and copies of its notes. */
export interface ThemeToPlace {
  title: string;
  notes: {
    text: string;
    color: Sticky['color'];
    label: string;
    boardId: string;
    shapeId: string;
  }[];
}

/** Notes per row inside a theme's frame. */
const NOTES_PER_ROW = 4;
/** A row of frames is no wider than this (then the next row starts). */
const ROW_WIDTH = 3600;
/** Room for the frame's title above its notes. */
const TITLE_ROOM = 60;

/**
 * The frames and note copies for `themes` on a board holding `shapes`: one frame per theme,
 * in the themes' order, left to right in rows, to the right of what the board holds (beside a
 * template's columns, never on them). Each copy keeps its source note's words and colour and
 * carries the group's name as its tag, and where it came from (`source`), for the dot vote
 * that follows.
 */
export function placeThemes(shapes: readonly Shape[], themes: readonly ThemeToPlace[]): Shape[] {
  const lookup = lookupFrom(shapes);
  const bounds = shapes.flatMap((s) => shapeBounds(s, lookup) ?? []);
  const left =
    bounds.length > 0
      ? bounds.reduce((max, b) => Math.max(max, b.x + b.w), 0) + PLACEMENT_GAP * 4
      : 0;
  const top = bounds.length > 0 ? bounds.reduce((min, b) => Math.min(min, b.y), Infinity) : 0;
  const note = stickyDefaults();
  const step = note.w + PLACEMENT_GAP;
  let z = zAbove(shapes.map((s) => s.z));
  const out: Shape[] = [];
  let x = left;
  let y = top;
  let rowHeight = 0;
  for (const theme of themes) {
    const columns = Math.min(NOTES_PER_ROW, Math.max(1, theme.notes.length));
    const rows = Math.ceil(theme.notes.length / columns);
    const w = columns * step + PLACEMENT_GAP;
    const h = TITLE_ROOM + rows * step;
    if (x > left && x + w - left > ROW_WIDTH) {
      x = left;
      y += rowHeight + PLACEMENT_GAP * 3;
      rowHeight = 0;
    }
    out.push({ ...frameDefaults(), id: newId(), x, y, z, w, h, name: theme.title, color: 'white' });
    z = zAbove([z]);
    theme.notes.forEach((source, i) => {
      out.push({
        ...note,
        id: newId(),
        x: x + PLACEMENT_GAP + (i % columns) * step,
        y: y + TITLE_ROOM + Math.floor(i / columns) * step,
        z,
        text: source.text,
        color: source.color,
        source: {
          kind: 'theme',
          boardId: source.boardId,
          shapeId: source.shapeId,
          label: source.label.slice(0, 40),
        },
      });
      z = zAbove([z]);
    });
    x += w + PLACEMENT_GAP * 3;
    rowHeight = Math.max(rowHeight, h);
  }
  return out;
}
