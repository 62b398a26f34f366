import { isBoxShape, resizedBox, type Shape, utilOf } from '@torg/shared';
import type Konva from 'konva';
import { type RefObject, useEffect, useRef } from 'react';
import { Transformer } from 'react-konva';
import type { Editor } from '../editor/Editor.js';

/** The resize rule of the one selected object, or 'none' when it cannot be resized now. */
export function resizeModeOf(editor: Editor, shape: Shape | undefined) {
  return shape && !shape.locked && !editor.readOnly ? utilOf(shape).resize : 'none';
}

/**
 * Konva's resize handles around the single resizable selection. Konva drags them itself;
 * when a drag ends, the box goes through the type's resize rule (`resizedBox`).
 */
export function ResizeHandles({
  editor,
  stage,
  shape,
}: {
  editor: Editor;
  stage: RefObject<Konva.Stage | null>;
  shape: Shape | undefined;
}) {
  const ref = useRef<Konva.Transformer>(null);
  const mode = resizeModeOf(editor, shape);
  useEffect(() => {
    const tr = ref.current;
    if (!tr || !stage.current) return;
    const node = shape && mode !== 'none' ? stage.current.findOne(`#${shape.id}`) : undefined;
    tr.nodes(node ? [node] : []);
    tr.getLayer()?.batchDraw();
  });
  const onTransformEnd = () => {
    const node = shape ? stage.current?.findOne(`#${shape.id}`) : undefined;
    if (!node || !shape || !isBoxShape(shape)) return;
    const scale = { x: node.scaleX(), y: node.scaleY() };
    node.scale({ x: 1, y: 1 });
    editor.resize(shape.id, resizedBox(mode, shape, scale, node.position()));
  };
  return (
    <Transformer
      ref={ref}
      rotateEnabled={false}
      flipEnabled={false}
      keepRatio={mode === 'aspect'}
      enabledAnchors={
        mode === 'width'
          ? ['middle-left', 'middle-right']
          : mode === 'aspect'
            ? ['top-left', 'top-right', 'bottom-left', 'bottom-right']
            : undefined
      }
      ignoreStroke
      onTransformEnd={onTransformEnd}
    />
  );
}
