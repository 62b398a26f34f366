import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteShapes, readAllShapes, shapesMap, updateShapes, writeShapes } from './doc.js';
import { ORIGIN_LOCAL } from './origins.js';
import type { Sticky } from './shapes/sticky.js';

const sticky = (id: string, text = ''): Sticky => ({
  id,
  type: 'sticky',
  v: 2,
  locked: false,
  size: 'm',
  x: 0,
  y: 0,
  w: 200,
  h: 200,
  z: 'a0',
  text,
  color: 'yellow',
});

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board document helpers', () => {
  it('writes, reads, updates and deletes objects, each write in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    writeShapes(doc, [sticky('aaaa1'), sticky('bbbb2')], ORIGIN_LOCAL);
    expect(transactions).toBe(1);
    updateShapes(doc, new Map([['aaaa1', { text: 'Flere eldre', x: 50 }]]), ORIGIN_LOCAL);
    expect(readAllShapes(doc).find((s) => s.id === 'aaaa1')).toMatchObject({
      text: 'Flere eldre',
      x: 50,
    });
    deleteShapes(doc, ['bbbb2'], ORIGIN_LOCAL);
    expect(readAllShapes(doc).map((s) => s.id)).toEqual(['aaaa1']);
  });

  it('merges concurrent edits of different fields of one object', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeShapes(a, [sticky('aaaa1', 'start')], ORIGIN_LOCAL);
    sync(a, b);
    updateShapes(a, new Map([['aaaa1', { text: 'ny tekst' }]]), ORIGIN_LOCAL);
    updateShapes(b, new Map([['aaaa1', { x: 300, y: 120 }]]), ORIGIN_LOCAL);
    sync(a, b);
    for (const d of [a, b])
      expect(readAllShapes(d)[0]).toMatchObject({ text: 'ny tekst', x: 300, y: 120 });
  });

  it('skips records that fail validation instead of crashing the reader', () => {
    const doc = new Y.Doc();
    writeShapes(doc, [sticky('good1')], ORIGIN_LOCAL);
    const bad = new Y.Map<unknown>();
    shapesMap(doc).set('bad01', bad);
    bad.set('type', 'sticky');
    bad.set('color', 'not-a-colour');
    expect(readAllShapes(doc).map((s) => s.id)).toEqual(['good1']);
  });
});
