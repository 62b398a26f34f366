import type { Shape } from '@torg/shared';
import type { Editor } from '../Editor.js';
import { panning } from './panning.js';
import type { PointerInfo, ToolState } from './types.js';

/** A finger held this long without moving is a long-press (the platforms' own figure). */
export const LONG_PRESS_MS = 500;
/** A finger that moves further than this (screen px) before then is a drag, not a press. */
export const TOUCH_SLOP_PX = 8;

/**
 * One finger down, with the select tool, on empty board or on an object the person may not
 * move (the template's sections, another group's board, a read-only board). On a phone the
 * board is mostly that, and one finger is all there is, so it decides what the press is once
 * it is clear:
 * - the finger moves (beyond the slop) → the board pans with it;
 * - it stays for `LONG_PRESS_MS` → a long-press: the object under it is selected (its
 *   context bar shows), on empty board a selection rectangle starts there;
 * - it lifts first → a tap: the object is selected, on empty board the selection is cleared.
 * A second finger turns any of these into a pinch (the editor does that). A press on an
 * object the person may move does what a mouse does: select it and drag it.
 */
export function touchPress(
  editor: Editor,
  down: PointerInfo,
  hit: Shape | null,
  startBrushing: () => void,
): ToolState {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const select = () => editor.select(hit ? [hit.id] : []);
  return {
    id: 'touch-press',
    enter: () => {
      timer = setTimeout(() => {
        timer = null;
        if (hit) {
          select();
          editor.enterTool();
        } else startBrushing();
      }, LONG_PRESS_MS);
    },
    exit: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    pointerMove: (info) => {
      if (info.pointerId !== down.pointerId) return;
      const moved = Math.hypot(info.screen.x - down.screen.x, info.screen.y - down.screen.y);
      if (moved <= TOUCH_SLOP_PX) return;
      const pan = panning(editor, down);
      editor.transition(pan);
      pan.pointerMove?.(info);
    },
    pointerUp: () => {
      select();
      editor.enterTool();
    },
  };
}
