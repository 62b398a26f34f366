import { INK, isBoxShape, shapeBounds, unionRects, utilOf } from '@torg/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { screenToWorld } from './camera.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { useBoardVersion } from './hooks.js';

const W = 200;
const H = 140;

/** The whole board in small, with the current view; click or drag to go there. */
export function Minimap({ api }: { api: Editor }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const version = useBoardVersion(api.store);
  const camera = useEditorState(api, (s) => s.camera);
  const vp = useEditorState(api, (s) => s.viewport);
  const tl = screenToWorld(camera, { x: 0, y: 0 });
  const view = { x: tl.x, y: tl.y, w: vp.width / camera.scale, h: vp.height / camera.scale };

  // The board's extent and a picture of it change only when the board does, not on every
  // pan frame: both are cached by board version.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the board (version) changes
  const content = useMemo(() => {
    const shapes = api.store.list();
    return {
      shapes,
      bounds: unionRects(shapes.flatMap((s) => shapeBounds(s, api.store.lookup) ?? [])),
    };
  }, [api.store, version]);
  // The map shows the board (with a margin), not the view: panning must not rescale it.
  const b = content.bounds ?? view;
  const world = { x: b.x - b.w * 0.1, y: b.y - b.h * 0.1, w: b.w * 1.2, h: b.h * 1.2 };
  const scale = Math.min(W / world.w, H / world.h);
  const ox = (W - world.w * scale) / 2 - world.x * scale;
  const oy = (H - world.h * scale) / 2 - world.y * scale;
  const picture = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const c = canvas.getContext('2d');
    if (c) {
      for (const s of content.shapes) {
        if (!isBoxShape(s)) continue;
        c.fillStyle = utilOf(s).minimapFill(s);
        c.fillRect(
          ox + s.x * scale,
          oy + s.y * scale,
          Math.max(1, s.w * scale),
          Math.max(1, s.h * scale),
        );
      }
    }
    return canvas;
  }, [content, ox, oy, scale]);

  useEffect(() => {
    const c = ref.current?.getContext('2d');
    if (!c) return;
    c.clearRect(0, 0, W, H);
    c.drawImage(picture, 0, 0);
    c.strokeStyle = INK.blue;
    c.lineWidth = 2;
    c.strokeRect(ox + view.x * scale, oy + view.y * scale, view.w * scale, view.h * scale);
  });

  const goTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const wx = (e.clientX - rect.left - ox) / scale;
    const wy = (e.clientY - rect.top - oy) / scale;
    api.setCamera(
      (c) => ({ ...c, x: vp.width / 2 - wx * c.scale, y: vp.height / 2 - wy * c.scale }),
      true,
    );
  };

  return (
    <canvas
      ref={ref}
      className="minimap"
      width={W}
      height={H}
      role="img"
      aria-label={t('minimap.label')}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        goTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons === 1) goTo(e);
      }}
    />
  );
}
