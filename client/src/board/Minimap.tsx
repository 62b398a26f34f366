import { INK, isBoxShape, STICKY_FILL, shapeBounds, unionRects } from '@torg/shared';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { screenToWorld } from './camera.js';
import type { EditorApi } from './editor.js';
import { useBoardVersion } from './hooks.js';

const W = 200;
const H = 140;

/** The whole board in small, with the current view; click or drag to go there. */
export function Minimap({ api }: { api: EditorApi }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const version = useBoardVersion(api.store);
  const { camera } = api.state;
  const vp = api.viewport;
  const tl = screenToWorld(camera, { x: 0, y: 0 });
  const view = { x: tl.x, y: tl.y, w: vp.width / camera.scale, h: vp.height / camera.scale };
  const shapes = api.store.list();
  const world =
    unionRects([view, ...shapes.flatMap((s) => shapeBounds(s, api.store.lookup) ?? [])]) ?? view;
  const scale = Math.min(W / world.w, H / world.h);
  const ox = (W - world.w * scale) / 2 - world.x * scale;
  const oy = (H - world.h * scale) / 2 - world.y * scale;

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the board (version) or view changes
  useEffect(() => {
    const c = ref.current?.getContext('2d');
    if (!c) return;
    c.clearRect(0, 0, W, H);
    for (const s of shapes) {
      if (!isBoxShape(s)) continue;
      c.fillStyle =
        s.type === 'sticky' ? STICKY_FILL[s.color] : s.type === 'frame' ? '#e4e6ea' : '#9aa3af';
      c.fillRect(
        ox + s.x * scale,
        oy + s.y * scale,
        Math.max(1, s.w * scale),
        Math.max(1, s.h * scale),
      );
    }
    c.strokeStyle = INK.blue;
    c.lineWidth = 2;
    c.strokeRect(ox + view.x * scale, oy + view.y * scale, view.w * scale, view.h * scale);
  }, [version, camera, vp, scale, ox, oy]);

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
