import { STICKY_EDGE, STICKY_FILL, STICKY_STYLE, type Sticky, stickyFontSize } from '@torg/shared';
import { drawLabel, drawLineBars, isLegible, labelsOf } from '../canvas/legible-text.js';
import { editOverBox, type ShapeView } from './types.js';

/**
 * Draws a note in its own coordinates: shadow, paper and edge, then its words as the exports
 * lay them out (shared's Inter metrics; the same lines on screen and on paper, and no
 * measuring by the browser). When Inter arrives, the board is drawn again (text-fit.ts) and
 * the same lines are drawn in it.
 */
function drawSticky(
  c: CanvasRenderingContext2D,
  shape: Sticky,
  { editing, scale }: { editing: boolean; scale: number },
): void {
  const { shadow, cornerRadius, edgeWidth } = STICKY_STYLE;
  const paper = (x: number, y: number) => {
    c.beginPath();
    c.roundRect(x, y, shape.w, shape.h, cornerRadius);
  };
  paper(shadow.dx, shadow.dy);
  c.fillStyle = `rgba(0,0,0,${shadow.opacity})`;
  c.fill();
  paper(0, 0);
  c.fillStyle = STICKY_FILL[shape.color];
  c.fill();
  c.lineWidth = edgeWidth;
  c.strokeStyle = STICKY_EDGE[shape.color];
  c.stroke();
  // Words being edited are in the text editor over the note. Zoomed out to a whole board on
  // a phone, a note's words are a pixel or two high: bars where their lines are, not 200
  // notes' worth of unreadable glyphs.
  if (editing) return;
  c.translate(-shape.x, -shape.y);
  for (const label of labelsOf(shape)) {
    if (isLegible(label, scale)) drawLabel(c, label);
    else drawLineBars(c, label);
  }
}

export const stickyView: ShapeView<'sticky'> = {
  // Hundreds to a board, never resized: painted, many in one canvas node (see types.ts).
  paint: drawSticky,
  prepare: (shape) => void labelsOf(shape),
  editLayout: (shape) => ({
    ...editOverBox(shape),
    fontSize: stickyFontSize(shape),
    padding: STICKY_STYLE.padding,
    background: STICKY_FILL[shape.color],
  }),
};
