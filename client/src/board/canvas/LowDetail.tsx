import { boardContentBounds, boxOfLookup, shapeBounds, utilOf } from '@torg/shared';
import type Konva from 'konva';
import { useEffect, useMemo, useRef } from 'react';
import { Shape as KShape } from 'react-konva';
import type { Editor } from '../editor/Editor.js';
import { useBoardVersion } from '../hooks.js';
import { drawLegibleText } from './legible-text.js';

/** Below this zoom, a view with many objects may be drawn in one pass (level of detail). */
export const LOD_SCALE = 0.3;
/**
 * Up to this many objects in view are always drawn in full, at any zoom: a workshop board
 * zoomed out to the whole board stays cheap and keeps every word (see bench/README.md).
 */
export const FULL_DETAIL_MAX = 500;

/** Whether the view is drawn in one cached pass (LowDetail) instead of object by object. */
export function isLowDetail(scale: number, objectsInView: number): boolean {
  return scale < LOD_SCALE && objectsInView > FULL_DETAIL_MAX;
}

/**
 * Everything drawn as plain boxes and lines (zoomed far out), with the words that would
 * still be legible on screen (a frame's title, a big text, a note's text), as one node whose
 * drawing is cached as a bitmap: panning then costs one image draw, not 10,000 rectangles.
 * The cache is redrawn when the board changes or the zoom moves by a fifth or so. How many
 * text blocks it drew is on the canvas element as `data-legible-labels` (for the tests).
 */
export function LowDetail({ editor, scale }: { editor: Editor; scale: number }) {
  const ref = useRef<Konva.Shape>(null);
  const labels = useRef(0);
  const { store } = editor;
  const version = useBoardVersion(store);
  const bucket = 2 ** (Math.round(Math.log2(scale) * 4) / 4);
  // Once per change of the board, not per camera move. Frame titles included: they are
  // drawn above their frames.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the board's version stands for its content
  const { shapes, bounds } = useMemo(() => {
    const shapes = store.list();
    return { shapes, bounds: boardContentBounds(shapes) ?? { x: 0, y: 0, w: 1, h: 1 } };
  }, [store, version]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-cache when the board (version) or zoom bucket changes
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    node.clearCache();
    node.cache({ pixelRatio: Math.min(1, bucket * 2 * (window.devicePixelRatio || 1)) });
    node.getLayer()?.batchDraw();
    const canvas = node.getStage()?.container().closest('[data-testid="board-canvas"]');
    canvas?.setAttribute('data-legible-labels', String(labels.current));
    return () => canvas?.removeAttribute('data-legible-labels');
  }, [version, bucket]);
  return (
    <KShape
      ref={ref}
      x={bounds.x - 4}
      y={bounds.y - 4}
      width={bounds.w + 8}
      height={bounds.h + 8}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, node) => {
        const c = ctx._context;
        c.save();
        c.translate(-node.x(), -node.y());
        for (const s of shapes) {
          const fill = utilOf(s).lowDetailFill(s);
          if (s.type === 'connector') {
            // A connector is a line from corner to corner of its path's box.
            const b = shapeBounds(s, store.lookup);
            if (!b) continue;
            c.strokeStyle = fill;
            c.lineWidth = 2 / bucket;
            c.beginPath();
            c.moveTo(b.x, b.y);
            c.lineTo(b.x + b.w, b.y + b.h);
            c.stroke();
            continue;
          }
          c.fillStyle = fill;
          c.fillRect(s.x, s.y, s.w, s.h);
        }
        labels.current = drawLegibleText(c, shapes, bucket, boxOfLookup(store.lookup));
        c.restore();
      }}
    />
  );
}
