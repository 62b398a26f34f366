import { utilOf } from '@torg/shared';
import { memo } from 'react';
import type { Editor } from '../editor/Editor.js';
import { useRevisions, useShape } from '../hooks.js';
import { parseOffsets, usePreviewOffsets } from '../preview.js';
import { renderShape } from '../views/index.js';

/** One object, subscribed to itself and to what it is drawn from (a connector's ends). */
export const ShapeNode = memo(function ShapeNode({
  editor,
  id,
  editing,
}: {
  editor: Editor;
  id: string;
  editing: boolean;
}) {
  const shape = useShape(editor.store, id);
  const ends = shape ? utilOf(shape).dependsOn(shape) : [];
  useRevisions(editor.store, ends);
  const offsets = parseOffsets(usePreviewOffsets(editor.preview, [id, ...ends]));
  if (!shape) return null;
  const own = offsets[0] ?? { dx: 0, dy: 0 };
  return renderShape({
    shape,
    dx: own.dx,
    dy: own.dy,
    editing,
    lookup: editor.store.lookup,
    offsetOf: (other) => editor.preview.offsetOf(other),
  });
});
