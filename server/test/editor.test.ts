import {
  connectorDefaults,
  deleteShapes,
  getShape,
  ORIGIN_LOCAL,
  readAllShapes,
  type Shape,
  shapesMap,
  shapeText,
  updateShapes,
  writeShapes,
} from '@torg/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import {
  connectClient,
  startTestServer,
  sticky,
  testFixtures,
  waitFor,
  waitSynced,
} from './helpers.js';

const { servers, clients, closeAll } = testFixtures();
afterEach(closeAll);

async function twoClients(boardId: string, dataDir?: string) {
  const s = await startTestServer(dataDir ? { dataDir } : {});
  servers.push(s);
  const a = connectClient(s, boardId);
  const b = connectClient(s, boardId);
  clients.push(a, b);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  return { s, a, b };
}

const arrow = (id: string, from: string, to: string): Shape => ({
  ...connectorDefaults(),
  id,
  z: 'a9',
  start: { kind: 'shape', shapeId: from },
  end: { kind: 'shape', shapeId: to },
});

describe('connectors between two people', () => {
  it('an arrow stays attached when one person moves the object, and detaches cleanly when another deletes it', async () => {
    const { s, a, b } = await twoClients('arrows1');
    writeShapes(
      a.doc,
      [sticky('from1', 'Fra'), sticky('to001', 'Til', 600), arrow('arr01', 'from1', 'to001')],
      ORIGIN_LOCAL,
    );
    await waitFor(() => readAllShapes(b.doc).length === 3, 'b has the arrow');

    updateShapes(b.doc, new Map([['to001', { x: 900, y: 400 }]]), ORIGIN_LOCAL);
    await waitFor(
      () =>
        getShape(a.doc, 'to001')?.type === 'sticky' &&
        (getShape(a.doc, 'to001') as { x: number }).x === 900,
      'a sees the move',
    );
    expect(getShape(a.doc, 'arr01')).toMatchObject({ end: { kind: 'shape', shapeId: 'to001' } });

    deleteShapes(b.doc, ['to001'], ORIGIN_LOCAL);
    await waitFor(() => !getShape(a.doc, 'to001'), 'a sees the delete');
    const expected = {
      start: { kind: 'shape', shapeId: 'from1' },
      end: { kind: 'point', x: 1000, y: 500 },
    };
    expect(getShape(a.doc, 'arr01')).toMatchObject(expected);

    // And that is what the server stored.
    await s.registry.flush();
    const dataDir = (s as RunningServer & { dataDir: string }).dataDir;
    await closeAll();
    const { a: again } = await twoClients('arrows1', dataDir);
    expect(getShape(again.doc, 'arr01')).toMatchObject(expected);
  });
});

describe('undo is per person', () => {
  function undoManager(doc: Y.Doc) {
    return new Y.UndoManager(shapesMap(doc), { trackedOrigins: new Set([ORIGIN_LOCAL]) });
  }

  it("undo removes only my own change, never another person's", async () => {
    const { a, b } = await twoClients('undo1');
    const undoA = undoManager(a.doc);
    const undoB = undoManager(b.doc);
    writeShapes(a.doc, [sticky('mine1', 'Annes lapp')], ORIGIN_LOCAL);
    await waitFor(() => readAllShapes(b.doc).length === 1, 'b sees anne');
    undoA.stopCapturing();
    writeShapes(b.doc, [sticky('bjorn', 'Bjørns lapp', 400)], ORIGIN_LOCAL);
    updateShapes(b.doc, new Map([['mine1', { color: 'pink' }]]), ORIGIN_LOCAL);
    await waitFor(
      () => readAllShapes(a.doc).length === 2 && getShape(a.doc, 'mine1')?.type === 'sticky',
      'a sees bjørn',
    );
    await waitFor(
      () => (getShape(a.doc, 'mine1') as { color: string }).color === 'pink',
      'a sees the colour',
    );

    // Anne edits her text, then undoes: her text goes back, Bjørn's note and colour stay.
    updateShapes(a.doc, new Map([['mine1', { text: 'Annes lapp, endret' }]]), ORIGIN_LOCAL);
    await waitFor(
      () => readAllShapes(b.doc).some((x) => shapeText(x) === 'Annes lapp, endret'),
      'b sees the edit',
    );
    undoA.undo();
    for (const doc of [a.doc, b.doc]) {
      await waitFor(
        () => readAllShapes(doc).some((x) => shapeText(x) === 'Annes lapp'),
        'text restored everywhere',
      );
      expect(getShape(doc, 'mine1')).toMatchObject({ color: 'pink' });
      expect(getShape(doc, 'bjorn')).toMatchObject({ text: 'Bjørns lapp' });
    }

    // Bjørn undoes twice: his colour change and his note go; Anne's note stays.
    undoB.undo();
    undoB.undo();
    for (const doc of [a.doc, b.doc]) {
      await waitFor(() => !getShape(doc, 'bjorn'), 'bjørn’s note gone everywhere');
      expect(getShape(doc, 'mine1')).toMatchObject({ text: 'Annes lapp' });
    }
    expect(undoB.canUndo()).toBe(false);
    undoB.redo();
    await waitFor(() => !!getShape(a.doc, 'bjorn'), 'redo brings it back for anne too');
  });
});
