import type { BoxShape } from '@torg/shared';
import { memo } from 'react';
import { Shape as KShape } from 'react-konva';
import type { Editor } from '../editor/Editor.js';
import { parseOffsets, usePreviewOffsets } from '../preview.js';
import { viewOf } from '../views/index.js';

/**
 * Objects next to each other in the stacking order whose type is painted (notes), drawn by
 * one Konva node: opening a board of 200 notes then builds one node, not 200 (each with its
 * React component and store subscriptions), which on a phone was most of the time between
 * the board's content arriving and it being drawn (issue 18). Redrawn as a whole when one of
 * them changes or moves; Konva redraws the whole layer on any change anyway.
 */
export const PaintedRun = memo(
  function PaintedRun({
    editor,
    shapes,
    editingId,
  }: {
    editor: Editor;
    shapes: readonly BoxShape[];
    editingId: string | null;
  }) {
    // Laid out here, in React's render (in slices when a board opens), not in the draw.
    for (const s of shapes) viewOf(s).prepare?.(s);
    const offsets = parseOffsets(
      usePreviewOffsets(
        editor.preview,
        shapes.map((s) => s.id),
      ),
    );
    return (
      <KShape
        listening={false}
        perfectDrawEnabled={false}
        sceneFunc={(ctx, node) => {
          const c = ctx._context;
          const scale = node.getAbsoluteScale().x;
          shapes.forEach((s, i) => {
            const { dx, dy } = offsets[i] ?? { dx: 0, dy: 0 };
            c.save();
            c.translate(s.x + dx, s.y + dy);
            viewOf(s).paint?.(c, s, { editing: s.id === editingId, scale });
            c.restore();
          });
        }}
      />
    );
  },
  // Records are replaced, never changed, on edits: the same records are the same drawing.
  (a, b) =>
    a.editor === b.editor &&
    a.editingId === b.editingId &&
    a.shapes.length === b.shapes.length &&
    a.shapes.every((s, i) => s === b.shapes[i]),
);
