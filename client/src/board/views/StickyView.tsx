import { STICKY_EDGE, STICKY_FILL, STICKY_STYLE, type Sticky, stickyFontSize } from '@torg/shared';
import type Konva from 'konva';
import { Shape as KShape } from 'react-konva';
import { drawLabel, labelsOf } from '../canvas/legible-text.js';
import { editOverBox, type ShapeView, type ShapeViewProps } from './types.js';

/** A note has no connections: its words never depend on other objects. */
const noBoxes = () => null;

/**
 * Draws a note in its own coordinates: shadow, paper and edge, then its words as the exports
 * lay them out (shared's Inter metrics; the same lines on screen and on paper).
 */
function drawSticky(c: CanvasRenderingContext2D, shape: Sticky, withText: boolean): void {
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
  if (!withText) return;
  c.translate(-shape.x, -shape.y);
  for (const label of labelsOf(shape, noBoxes)) drawLabel(c, label);
}

/**
 * A note is one canvas node (not a group of two rectangles and a Konva text): a board of a
 * few hundred notes then opens in a fraction of the time on a phone (issue 18), and its text
 * needs no measuring by the browser. When Inter arrives, the board is drawn again
 * (text-fit.ts) and the same lines are drawn in it.
 */
function StickyView({ shape, dx, dy, editing }: ShapeViewProps<Sticky>) {
  return (
    <KShape
      id={shape.id}
      name="shape"
      x={shape.x + dx}
      y={shape.y + dy}
      width={shape.w}
      height={shape.h}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx: Konva.Context) => drawSticky(ctx._context, shape, !editing)}
    />
  );
}

export const stickyView: ShapeView<'sticky'> = {
  View: StickyView,
  editLayout: (shape) => ({
    ...editOverBox(shape),
    fontSize: stickyFontSize(shape),
    padding: STICKY_STYLE.padding,
    background: STICKY_FILL[shape.color],
  }),
};
