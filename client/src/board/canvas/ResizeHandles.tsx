import { isBoxShape, resizedBox, type Shape, utilOf } from '@torg/shared';
import type Konva from 'konva';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { Transformer } from 'react-konva';
import type { Editor } from '../editor/Editor.js';

/** The resize rule of the one selected object, or 'none' when it cannot be resized now. */
export function resizeModeOf(editor: Editor, shape: Shape | undefined) {
  return shape && !shape.locked && !editor.readOnly ? utilOf(shape).resize : 'none';
}

/** Konva's Transformer: fetched once something resizable is first selected (see below). */
let transformer: Promise<unknown> | null = null;

/**
 * Whether Konva's Transformer is registered, fetching it when `needed`: a sixth of Konva's
 * bytes that a participant adding notes on a phone never uses (notes are not resized), so the
 * board's first load does without it (issue 18).
 */
function useTransformer(needed: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!needed || ready) return;
    let live = true;
    transformer ??= import('konva/lib/shapes/Transformer.js');
    transformer.then(
      () => live && setReady(true),
      () => {
        transformer = null;
      },
    );
    return () => {
      live = false;
    };
  }, [needed, ready]);
  return ready;
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
  const ready = useTransformer(mode !== 'none');
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
  if (!ready) return null;
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
