import { shapeBounds, unionRects, utilOf } from '@torg/shared';
import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Shape as KShape } from 'react-konva';
import type { Editor } from '../editor/Editor.js';
import { useBoardVersion } from '../hooks.js';

/** Below this zoom, objects are drawn as plain boxes in one pass (level of detail). */
export const LOD_SCALE = 0.3;

/**
 * Everything drawn as plain boxes and lines (zoomed far out), as one node whose drawing is
 * cached as a bitmap: panning then costs one image draw, not 10,000 rectangles. The cache is
 * redrawn when the board changes or the zoom moves past a factor of two.
 */
export function LowDetail({ editor, scale }: { editor: Editor; scale: number }) {
  const ref = useRef<Konva.Shape>(null);
  const { store } = editor;
  const version = useBoardVersion(store);
  const bucket = 2 ** Math.round(Math.log2(scale));
  const shapes = store.list();
  const bounds = unionRects(shapes.flatMap((s) => shapeBounds(s, store.lookup) ?? [])) ?? {
    x: 0,
    y: 0,
    w: 1,
    h: 1,
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-cache when the board (version) or zoom bucket changes
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    node.clearCache();
    node.cache({ pixelRatio: Math.min(1, bucket * 2 * (window.devicePixelRatio || 1)) });
    node.getLayer()?.batchDraw();
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
        c.restore();
      }}
    />
  );
}
