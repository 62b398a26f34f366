import { instantiateTemplate, isFurniture, type Shape } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteIds, lockableIds, moveBy } from '../actions.js';
import { createSticky, createStickyInFreeSpace } from './create.js';
import { openTestEditor } from './test-editor.js';

const open = openTestEditor;

const overlap = (a: Shape, b: Shape) =>
  'w' in a && 'w' in b && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("the board's rules", () => {
  it("new notes take the rules' colour (a group's), yellow without rules", () => {
    const editor = open();
    const first = createSticky(editor, { x: 0, y: 0 });
    editor.setRules({ stickyColor: 'purple', mayUnlockFurniture: false });
    const second = createSticky(editor, { x: 400, y: 0 });
    expect(editor.store.get(first ?? '')).toMatchObject({ color: 'yellow' });
    expect(editor.store.get(second ?? '')).toMatchObject({ color: 'purple' });
  });

  it('a note added to a section lands inside it on nothing, also when it fills up', () => {
    const editor = open();
    addShapes(editor.doc, instantiateTemplate('future', {}, 'nb', 2026));
    const trends = editor.store
      .list()
      .find((s) => s.type === 'frame' && s.section === 'future.trends');
    if (trends?.type !== 'frame') throw new Error('no trends row');
    for (let i = 0; i < 12; i++) createStickyInFreeSpace(editor, trends.id, { after: 'none' });
    const notes = editor.store.list().filter((s) => s.type === 'sticky');
    expect(notes).toHaveLength(16);
    for (const n of notes)
      for (const o of notes) if (n.id !== o.id) expect(overlap(n, o)).toBe(false);
  });

  it("a template's furniture cannot be moved or deleted, and only a facilitator may unlock it", () => {
    const editor = open();
    addShapes(editor.doc, instantiateTemplate('future', {}, 'nb', 2026));
    const furniture = editor.store.list().filter(isFurniture);
    expect(furniture.length).toBeGreaterThan(10);
    expect(furniture.every((s) => s.locked)).toBe(true);
    const ids = furniture.map((s) => s.id);
    const before = JSON.stringify(editor.store.list());
    moveBy(editor.doc, editor.store, ids, 50, 50);
    deleteIds(editor.doc, editor.store, ids);
    expect(JSON.stringify(editor.store.list())).toBe(before);
    expect(lockableIds(editor.store, ids, false)).toEqual([]);
    expect(lockableIds(editor.store, ids, true)).toEqual(ids);
  });
});
