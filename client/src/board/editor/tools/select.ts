import { type Point, rectFromPoints } from '@torg/shared';
import { moveBy, movingSet } from '../../actions.js';
import { inRect } from '../../hit-test.js';
import { createSticky } from '../create.js';
import type { Editor } from '../Editor.js';
import { touchPress } from './touch-press.js';
import type { PointerInfo, ToolState } from './types.js';

/** Others see a move about 20 times a second; this person sees every frame (the preview). */
const DRAG_SEND_MS = 50;

/** A double click opens the object under it for typing, or puts a note on empty board. */
export function openOrCreate(editor: Editor, { world }: PointerInfo): void {
  if (editor.readOnly) return;
  const hit = editor.hitAt(world);
  if (hit && !hit.locked && hit.type !== 'drawing') editor.edit(hit.id);
  else if (!hit) createSticky(editor, world);
}

/**
 * The select tool: a press on an object picks (and starts moving) it, on empty board a
 * marquee. A finger on empty board or on what it may not move waits to see whether it pans,
 * long-presses or taps (`touchPress`).
 */
export function selectTool(editor: Editor): ToolState {
  return {
    id: 'select',
    pointerDown: (info) => {
      const { world, shift } = info;
      const { selection } = editor.state;
      const hit = editor.hitAt(world);
      if (info.touch && (!hit || editor.readOnly || hit.locked)) {
        editor.transition(
          touchPress(editor, info, hit, () => {
            editor.select([]);
            editor.transition(brushing(editor, world, []));
          }),
        );
        return;
      }
      if (!hit) {
        if (!shift) editor.select([]);
        editor.transition(brushing(editor, world, shift ? selection : []));
        return;
      }
      const already = selection.includes(hit.id);
      const next = shift
        ? already
          ? selection.filter((id) => id !== hit.id)
          : [...selection, hit.id]
        : already
          ? selection
          : [hit.id];
      editor.select(next);
      if (!editor.readOnly && (!shift || !already)) editor.transition(moving(editor, next, world));
    },
    doubleClick: (info) => openOrCreate(editor, info),
  };
}

/** Dragging the selection (and what sits on its frames); one undo step for the whole drag. */
export function moving(editor: Editor, selection: readonly string[], start: Point): ToolState {
  const ids = movingSet(editor.store, selection);
  let last = start;
  let sent = start;
  let lastSent = Number.NEGATIVE_INFINITY;
  const send = (to: Point) => {
    editor.write(() => moveBy(editor.doc, editor.store, ids, to.x - sent.x, to.y - sent.y));
    sent = to;
  };
  return {
    id: 'moving',
    writes: true,
    enter: () => editor.undo.stopCapturing(),
    pointerMove: ({ world, now }) => {
      last = world;
      if (now - lastSent >= DRAG_SEND_MS && (world.x !== start.x || world.y !== start.y)) {
        send(world);
        lastSent = now;
      }
      editor.preview.set(ids, world.x - sent.x, world.y - sent.y);
    },
    pointerUp: () => {
      if (last.x !== sent.x || last.y !== sent.y) send(last);
      editor.enterTool();
    },
    cancel: () => {
      if (sent.x !== start.x || sent.y !== start.y) send(start);
    },
    exit: () => {
      editor.preview.clear();
      editor.undo.stopCapturing();
    },
  };
}

/** A marquee: everything inside it is selected (added to `base` with shift). */
export function brushing(editor: Editor, start: Point, base: readonly string[]): ToolState {
  return {
    id: 'brushing',
    pointerMove: ({ world }) => {
      const rect = rectFromPoints(start, world);
      editor.select([...new Set([...base, ...inRect(editor.store, rect)])]);
      editor.setOverlay({ kind: 'marquee', rect });
    },
    pointerUp: () => editor.enterTool(),
    cancel: () => editor.select([...base]),
    exit: () => editor.setOverlay(null),
  };
}
