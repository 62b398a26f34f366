import { type Point, rectFromPoints } from '@torg/shared';
import { type BoxKind, createBox } from '../create.js';
import type { Editor } from '../Editor.js';
import type { ToolState } from './types.js';

/** Under this many screen pixels a drag is a click: the box gets its default size. */
const MIN_DRAG_PX = 8;

/** Rectangle, ellipse, diamond and frame: drag out a box, or click for one of default size. */
export function boxTool(editor: Editor, kind: BoxKind): ToolState {
  return {
    id: kind,
    pointerDown: ({ world }) => editor.transition(creating(editor, kind, world)),
  };
}

function creating(editor: Editor, kind: BoxKind, start: Point): ToolState {
  let current = start;
  return {
    id: 'creating',
    writes: true,
    pointerMove: ({ world }) => {
      current = world;
      editor.setOverlay({ kind: 'create', rect: rectFromPoints(start, world) });
    },
    pointerUp: () => {
      const r = rectFromPoints(start, current);
      const scale = editor.state.camera.scale;
      const dragged = r.w * scale > MIN_DRAG_PX && r.h * scale > MIN_DRAG_PX;
      editor.setOverlay(null);
      if (createBox(editor, kind, start, dragged ? r : null) === null) editor.enterTool();
    },
    exit: () => editor.setOverlay(null),
  };
}
