import type { Point } from '@torg/shared';
import { zoomAt } from '../../camera.js';
import type { CameraHost, ToolState } from './types.js';

function spread(editor: CameraHost): { dist: number; mid: Point } {
  const [a, b] = [...editor.pointers.values()] as [Point, Point];
  return {
    dist: Math.hypot(a.x - b.x, a.y - b.y),
    mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
  };
}

/** Two fingers: moving them pans, spreading them zooms around their middle. */
export function pinching(editor: CameraHost): ToolState {
  const start = spread(editor);
  const cam = editor.state.camera;
  return {
    id: 'pinching',
    pointerMove: () => {
      if (editor.pointers.size < 2) return;
      const { dist, mid } = spread(editor);
      const panned = { ...cam, x: cam.x + mid.x - start.mid.x, y: cam.y + mid.y - start.mid.y };
      editor.setCamera(() => zoomAt(panned, mid, dist / Math.max(1, start.dist)), true);
    },
    pointerUp: () => {
      if (editor.pointers.size < 2) editor.enterTool();
    },
  };
}
