import { MAX_DRAWING_POINTS, type Point } from '@torg/shared';
import { simplify } from '../../simplify.js';
import { createDrawing } from '../create.js';
import type { Editor } from '../Editor.js';
import type { ToolState } from './types.js';

/** The pen: each press draws one stroke; the tool stays the pen. */
export function penTool(editor: Editor): ToolState {
  return {
    id: 'pen',
    pointerDown: ({ world }) => editor.transition(drawing(editor, world)),
  };
}

function drawing(editor: Editor, start: Point): ToolState {
  const points = [start.x, start.y];
  return {
    id: 'drawing',
    writes: true,
    pointerMove: ({ world }) => {
      if (points.length < MAX_DRAWING_POINTS * 2) points.push(world.x, world.y);
      // A copy: the canvas redraws the line only when it gets a new array.
      editor.setOverlay({ kind: 'pen', points: [...points] });
    },
    pointerUp: () => {
      // Smoothing in screen pixels: a stroke drawn zoomed in keeps its detail.
      createDrawing(editor, simplify(points, 1.5 / editor.state.camera.scale));
      editor.enterTool();
    },
    exit: () => editor.setOverlay(null),
  };
}
