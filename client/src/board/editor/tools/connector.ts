import type { Point, Terminal } from '@torg/shared';
import { hitBox } from '../../hit-test.js';
import { createConnector } from '../create.js';
import type { Editor } from '../Editor.js';
import type { ToolState } from './types.js';

/** A loose end closer than this (screen pixels) to a loose start is a slip, not an arrow. */
const MIN_LENGTH_PX = 10;

/** The connector: drag from an object (or a point) to another object (or a point). */
export function connectorTool(editor: Editor): ToolState {
  return {
    id: 'connector',
    pointerDown: ({ world }) => {
      const from = hitBox(editor.store, world, editor.state.camera.scale);
      const start: Terminal = from
        ? { kind: 'shape', shapeId: from.id }
        : { kind: 'point', x: Math.round(world.x), y: Math.round(world.y) };
      editor.transition(connecting(editor, start, world));
    },
  };
}

function connecting(editor: Editor, start: Terminal, at: Point): ToolState {
  let current = at;
  let target: string | null = null;
  return {
    id: 'connecting',
    writes: true,
    pointerMove: ({ world }) => {
      current = world;
      const except = start.kind === 'shape' ? start.shapeId : undefined;
      target = hitBox(editor.store, world, editor.state.camera.scale, except)?.id ?? null;
      editor.setOverlay({ kind: 'connect', start, current, target });
    },
    pointerUp: () => {
      const end: Terminal = target
        ? { kind: 'shape', shapeId: target }
        : { kind: 'point', x: Math.round(current.x), y: Math.round(current.y) };
      const tooShort =
        !target &&
        start.kind === 'point' &&
        Math.hypot(start.x - current.x, start.y - current.y) <
          MIN_LENGTH_PX / editor.state.camera.scale;
      const loop = start.kind === 'shape' && end.kind === 'shape' && start.shapeId === end.shapeId;
      editor.setOverlay(null);
      if (tooShort || loop || createConnector(editor, start, end) === null) editor.enterTool();
    },
    exit: () => editor.setOverlay(null),
  };
}
