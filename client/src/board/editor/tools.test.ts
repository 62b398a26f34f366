import { isBoxShape, type Point, type Shape } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { worldToScreen } from '../camera.js';
import type { Editor } from './Editor.js';
import { openTestEditor } from './test-editor.js';
import type { PointerInfo } from './tools/types.js';

const open = openTestEditor;

let clock = 0;
/** A pointer event at a board point (the camera maps it to the screen). */
function at(editor: Editor, world: Point, extra: Partial<PointerInfo> = {}): PointerInfo {
  clock += 100;
  const screen = worldToScreen(editor.state.camera, world);
  return { pointerId: 1, screen, world, shift: false, button: 0, now: clock, ...extra };
}

function drag(editor: Editor, from: Point, to: Point, extra: Partial<PointerInfo> = {}) {
  editor.pointerDown(at(editor, from, extra));
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  editor.pointerMove(at(editor, mid, extra));
  editor.pointerMove(at(editor, to, extra));
  editor.pointerUp(at(editor, to, extra));
}

function click(editor: Editor, p: Point) {
  editor.pointerDown(at(editor, p));
  editor.pointerUp(at(editor, p));
}

const shapes = (editor: Editor): Shape[] => editor.store.list();
const boxes = (editor: Editor) => shapes(editor).filter(isBoxShape);

describe('editor tools', () => {
  it('a click with the note tool puts a note there, selected and open for typing', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 300, y: 200 });
    const [note] = boxes(editor);
    expect(note?.type).toBe('sticky');
    expect(note && note.x + note.w / 2).toBe(300);
    expect(editor.state.selection).toEqual([note?.id]);
    expect(editor.state.editingId).toBe(note?.id);
    expect(editor.state.tool).toBe('select');
  });

  it('a drag with the rectangle tool makes a rectangle of that size', () => {
    const editor = open();
    editor.setTool('rectangle');
    drag(editor, { x: 100, y: 100 }, { x: 260, y: 180 });
    expect(shapes(editor)).toMatchObject([
      { type: 'geo', kind: 'rectangle', x: 100, y: 100, w: 160, h: 80 },
    ]);
    expect(editor.state.overlay).toBeNull();
  });

  it('a marquee selects what lies inside it, and shift adds to the selection', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 100, y: 100 });
    editor.setTool('sticky');
    click(editor, { x: 600, y: 100 });
    editor.edit(null);
    const [a, b] = shapes(editor).map((s) => s.id);
    drag(editor, { x: -50, y: -50 }, { x: 250, y: 250 });
    expect(editor.state.selection).toEqual([a]);
    drag(editor, { x: 450, y: -50 }, { x: 800, y: 300 }, { shift: true });
    expect(editor.state.selection).toEqual([a, b]);
  });

  it('moving a note is one undo step', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 100, y: 100 });
    editor.edit(null);
    const before = boxes(editor)[0];
    editor.pointerDown(at(editor, { x: 100, y: 100 }));
    for (let i = 1; i <= 5; i++) editor.pointerMove(at(editor, { x: 100 + i * 20, y: 100 }));
    editor.pointerUp(at(editor, { x: 200, y: 100 }));
    expect(boxes(editor)[0]?.x).toBe((before?.x ?? 0) + 100);
    editor.undo.undo();
    expect(boxes(editor)[0]?.x).toBe(before?.x);
  });

  it('a pen stroke becomes one drawing; the pen stays', () => {
    const editor = open();
    editor.setTool('pen');
    editor.pointerDown(at(editor, { x: 0, y: 0 }));
    for (let i = 1; i <= 10; i++) editor.pointerMove(at(editor, { x: i * 10, y: (i % 2) * 30 }));
    expect(editor.state.overlay?.kind).toBe('pen');
    editor.pointerUp(at(editor, { x: 100, y: 0 }));
    expect(shapes(editor)).toMatchObject([{ type: 'drawing', x: 0, y: 0, w: 100, h: 30 }]);
    expect(editor.state.tool).toBe('pen');
    expect(editor.state.overlay).toBeNull();
  });

  it('a second finger during a move turns it into a pinch and keeps what was moved', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 100, y: 100 });
    editor.edit(null);
    const before = boxes(editor)[0];
    editor.pointerDown(at(editor, { x: 100, y: 100 }));
    for (let i = 1; i <= 5; i++) editor.pointerMove(at(editor, { x: 100 + i * 20, y: 100 }));
    editor.pointerDown(at(editor, { x: 400, y: 400 }, { pointerId: 2 }));
    expect(boxes(editor)[0]?.x).toBeGreaterThan(before?.x ?? 0);
    expect(editor.preview.has(before?.id ?? '')).toBe(false);
  });

  it('a connector dragged from one object to another joins them', () => {
    const editor = open();
    editor.setTool('rectangle');
    click(editor, { x: 100, y: 100 });
    editor.setTool('rectangle');
    click(editor, { x: 600, y: 100 });
    const [a, b] = shapes(editor).map((s) => s.id);
    editor.setTool('connector');
    drag(editor, { x: 100, y: 100 }, { x: 600, y: 100 });
    const connector = shapes(editor).find((s) => s.type === 'connector');
    expect(connector).toMatchObject({
      start: { kind: 'shape', shapeId: a },
      end: { kind: 'shape', shapeId: b },
    });
    expect(editor.state.selection).toEqual([connector?.id]);
  });

  it('Escape cancels a drag: no new box, and a moved note goes back', () => {
    const editor = open();
    editor.setTool('rectangle');
    editor.pointerDown(at(editor, { x: 0, y: 0 }));
    editor.pointerMove(at(editor, { x: 200, y: 200 }));
    expect(editor.state.overlay?.kind).toBe('create');
    expect(editor.key('Escape')).toBe(true);
    editor.pointerUp(at(editor, { x: 200, y: 200 }));
    expect(shapes(editor)).toEqual([]);
    expect(editor.state.overlay).toBeNull();

    editor.setTool('sticky');
    click(editor, { x: 100, y: 100 });
    editor.edit(null);
    const x = boxes(editor)[0]?.x;
    editor.pointerDown(at(editor, { x: 100, y: 100 }));
    editor.pointerMove(at(editor, { x: 300, y: 100 }));
    editor.pointerMove(at(editor, { x: 400, y: 100 }));
    editor.cancel();
    editor.pointerUp(at(editor, { x: 400, y: 100 }));
    expect(boxes(editor)[0]?.x).toBe(x);
    expect(editor.preview.has(shapes(editor)[0]?.id ?? '')).toBe(false);
  });

  it('a read-only editor offers only select and pan, and neither creates nor moves', () => {
    const writer = open();
    writer.setTool('sticky');
    click(writer, { x: 100, y: 100 });
    const update = Y.encodeStateAsUpdate(writer.doc);
    const editor = open(true);
    Y.applyUpdate(editor.doc, update);
    editor.setTool('sticky');
    expect(editor.state.tool).toBe('select');
    click(editor, { x: 500, y: 500 });
    editor.doubleClick(at(editor, { x: 500, y: 500 }));
    drag(editor, { x: 100, y: 100 }, { x: 300, y: 300 });
    expect(shapes(editor)).toHaveLength(1);
    expect(shapes(editor)[0]).toMatchObject(shapes(writer)[0] ?? {});
    expect(editor.state.selection).toEqual([shapes(editor)[0]?.id]);
    editor.setTool('hand');
    expect(editor.state.tool).toBe('hand');
  });

  it('a board turning read-only mid-drag drops the drag', () => {
    const editor = open();
    editor.setTool('pen');
    editor.pointerDown(at(editor, { x: 0, y: 0 }));
    editor.pointerMove(at(editor, { x: 100, y: 100 }));
    editor.setReadOnly(true);
    editor.pointerUp(at(editor, { x: 100, y: 100 }));
    expect(shapes(editor)).toEqual([]);
    expect(editor.state.tool).toBe('select');
  });

  it('a board turning read-only mid-marquee lets the marquee go on', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 100, y: 100 });
    editor.edit(null);
    editor.pointerDown(at(editor, { x: -50, y: -50 }));
    editor.setReadOnly(true);
    editor.pointerMove(at(editor, { x: 250, y: 250 }));
    editor.pointerUp(at(editor, { x: 250, y: 250 }));
    expect(editor.state.selection).toEqual([boxes(editor)[0]?.id]);
  });

  it('zooming at a point keeps that board point under the cursor', () => {
    const editor = open();
    editor.setCamera(() => ({ x: 40, y: -30, scale: 1.5 }), true);
    const cursor = { x: 321, y: 123 };
    const before = editor.toWorld(cursor);
    editor.zoomAt(cursor, 1.7);
    expect(editor.state.camera.scale).toBeCloseTo(2.55);
    expect(editor.toWorld(cursor).x).toBeCloseTo(before.x);
    expect(editor.toWorld(cursor).y).toBeCloseTo(before.y);
  });

  it('pan with the hand tool moves the view by the drag', () => {
    const editor = open();
    editor.setTool('hand');
    const p = (x: number, y: number): PointerInfo => ({
      pointerId: 1,
      screen: { x, y },
      world: editor.toWorld({ x, y }),
      shift: false,
      button: 0,
      now: 0,
    });
    editor.pointerDown(p(100, 100));
    editor.pointerMove(p(150, 80));
    editor.pointerUp(p(150, 80));
    expect(editor.state.camera).toEqual({ x: 50, y: -20, scale: 1 });
  });

  it('following someone shows what they look at, until I move the view myself', () => {
    const editor = open();
    const other = new Awareness(new Y.Doc());
    other.setLocalState({
      user: { name: 'Kari', color: '#123456' },
      viewport: { x: 100, y: 50, w: 500, h: 400 },
    });
    applyAwarenessUpdate(editor.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'peer');
    editor.follow(other.clientID);
    expect(editor.state.camera).toEqual({ scale: 2, x: -200, y: -100 });
    editor.setCamera((c) => ({ ...c, x: c.x + 10 }), true);
    expect(editor.state.following).toBeNull();
    other.destroy();
  });

  it('others see what I select', () => {
    const editor = open();
    editor.setTool('sticky');
    click(editor, { x: 0, y: 0 });
    expect(editor.awareness.getLocalState()?.selection).toEqual(editor.state.selection);
  });
});
