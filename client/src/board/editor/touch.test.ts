import { isBoxShape, type Point } from '@torg/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocked } from '../actions.js';
import { worldToScreen } from '../camera.js';
import type { Editor } from './Editor.js';
import { openTestEditor } from './test-editor.js';
import { LONG_PRESS_MS } from './tools/touch-press.js';
import type { PointerInfo } from './tools/types.js';

/** One finger (or two: `pointerId`) at a board point, as the canvas reports a touch. */
function finger(editor: Editor, world: Point, pointerId = 1): PointerInfo {
  const screen = worldToScreen(editor.state.camera, world);
  return { pointerId, screen, world, shift: false, button: 0, now: performance.now(), touch: true };
}

/** A finger at a screen point (what the finger really does while the board pans under it). */
function fingerAt(editor: Editor, screen: Point, pointerId = 1): PointerInfo {
  const { camera } = editor.state;
  const world = {
    x: (screen.x - camera.x) / camera.scale,
    y: (screen.y - camera.y) / camera.scale,
  };
  return { pointerId, screen, world, shift: false, button: 0, now: performance.now(), touch: true };
}

function noteAt(editor: Editor, p: Point, locked = false): string {
  editor.setTool('sticky');
  editor.pointerDown({ ...finger(editor, p), touch: false });
  editor.pointerUp({ ...finger(editor, p), touch: false });
  editor.edit(null);
  const id = editor.state.selection[0] as string;
  if (locked) editor.write(() => setLocked(editor.doc, editor.store, [id], true));
  editor.select([]);
  return id;
}

const noteOf = (editor: Editor, id: string) => {
  const s = editor.store.get(id);
  if (!s || !isBoxShape(s)) throw new Error('no note');
  return s;
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('one finger on the board (select tool)', () => {
  it('a drag on empty board pans the view and selects nothing', () => {
    const editor = openTestEditor();
    const before = editor.state.camera;
    const down = worldToScreen(before, { x: 500, y: 400 });
    editor.pointerDown(fingerAt(editor, down));
    for (let i = 1; i <= 4; i++)
      editor.pointerMove(fingerAt(editor, { x: down.x + i * 30, y: down.y + i * 10 }));
    editor.pointerUp(fingerAt(editor, { x: down.x + 120, y: down.y + 40 }));
    expect(editor.state.camera.x - before.x).toBe(120);
    expect(editor.state.camera.y - before.y).toBe(40);
    expect(editor.state.selection).toEqual([]);
    expect(editor.state.overlay).toBeNull();
  });

  it('a drag that starts on my own note moves the note, not the view', () => {
    const editor = openTestEditor();
    const id = noteAt(editor, { x: 300, y: 300 });
    const before = noteOf(editor, id);
    const camera = editor.state.camera;
    editor.pointerDown(finger(editor, { x: 300, y: 300 }));
    editor.pointerMove(finger(editor, { x: 350, y: 320 }));
    editor.pointerMove(finger(editor, { x: 400, y: 340 }));
    editor.pointerUp(finger(editor, { x: 400, y: 340 }));
    expect(noteOf(editor, id)).toMatchObject({ x: before.x + 100, y: before.y + 40 });
    expect(editor.state.camera).toEqual(camera);
  });

  it('a finger that jitters a few pixels and lifts is a tap: the object under it is selected', () => {
    const editor = openTestEditor();
    const id = noteAt(editor, { x: 300, y: 300 });
    editor.setReadOnly(true);
    const camera = editor.state.camera;
    editor.pointerDown(finger(editor, { x: 300, y: 300 }));
    editor.pointerMove(fingerAt(editor, { x: 303, y: 302 }));
    editor.pointerUp(finger(editor, { x: 300, y: 300 }));
    expect(editor.state.selection).toEqual([id]);
    expect(editor.state.camera).toEqual(camera);
  });

  it('a long-press selects the object under it on a board I may not change, and a drag there pans', () => {
    const editor = openTestEditor();
    const id = noteAt(editor, { x: 300, y: 300 });
    editor.setReadOnly(true);
    editor.pointerDown(finger(editor, { x: 300, y: 300 }));
    expect(editor.state.selection).toEqual([]);
    vi.advanceTimersByTime(LONG_PRESS_MS);
    expect(editor.state.selection).toEqual([id]);
    editor.pointerUp(finger(editor, { x: 300, y: 300 }));
    editor.select([]);
    const before = noteOf(editor, id);
    const camera = editor.state.camera;
    const down = worldToScreen(camera, { x: 300, y: 300 });
    editor.pointerDown(fingerAt(editor, down));
    editor.pointerMove(fingerAt(editor, { x: down.x + 60, y: down.y }));
    editor.pointerUp(fingerAt(editor, { x: down.x + 60, y: down.y }));
    expect(editor.state.camera.x - camera.x).toBe(60);
    expect(noteOf(editor, id)).toMatchObject({ x: before.x, y: before.y });
  });

  it("a drag that starts on a locked object (a template's section) pans; the object stays", () => {
    const editor = openTestEditor();
    const id = noteAt(editor, { x: 300, y: 300 }, true);
    const before = noteOf(editor, id);
    const camera = editor.state.camera;
    const down = worldToScreen(camera, { x: 300, y: 300 });
    editor.pointerDown(fingerAt(editor, down));
    editor.pointerMove(fingerAt(editor, { x: down.x, y: down.y + 50 }));
    editor.pointerUp(fingerAt(editor, { x: down.x, y: down.y + 50 }));
    expect(editor.state.camera.y - camera.y).toBe(50);
    expect(noteOf(editor, id)).toMatchObject({ x: before.x, y: before.y });
  });

  it('a long-press on empty board starts a selection rectangle', () => {
    const editor = openTestEditor();
    const id = noteAt(editor, { x: 300, y: 300 });
    editor.pointerDown(finger(editor, { x: 100, y: 100 }));
    vi.advanceTimersByTime(LONG_PRESS_MS);
    editor.pointerMove(finger(editor, { x: 500, y: 500 }));
    expect(editor.state.overlay?.kind).toBe('marquee');
    editor.pointerUp(finger(editor, { x: 500, y: 500 }));
    expect(editor.state.selection).toEqual([id]);
  });

  it('a second finger turns the press into a pinch; the long-press never fires', () => {
    const editor = openTestEditor();
    const scale = editor.state.camera.scale;
    const a = worldToScreen(editor.state.camera, { x: 400, y: 400 });
    editor.pointerDown(fingerAt(editor, a, 1));
    editor.pointerDown(fingerAt(editor, { x: a.x + 100, y: a.y }, 2));
    editor.pointerMove(fingerAt(editor, { x: a.x + 200, y: a.y }, 2));
    vi.advanceTimersByTime(LONG_PRESS_MS * 2);
    expect(editor.state.camera.scale).toBeCloseTo(scale * 2, 5);
    expect(editor.state.overlay).toBeNull();
    expect(editor.state.selection).toEqual([]);
  });

  it('a mouse drag on empty board still draws a selection rectangle', () => {
    const editor = openTestEditor();
    const camera = editor.state.camera;
    editor.pointerDown({ ...finger(editor, { x: 100, y: 100 }), touch: false });
    editor.pointerMove({ ...finger(editor, { x: 300, y: 300 }), touch: false });
    expect(editor.state.overlay?.kind).toBe('marquee');
    expect(editor.state.camera).toEqual(camera);
  });
});
