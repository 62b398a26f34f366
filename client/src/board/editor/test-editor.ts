import { afterEach } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Editor } from './Editor.js';
import { toolStates } from './tools/index.js';

/**
 * An editor on a fresh document with a 1000 × 800 viewport, as the board page would make it,
 * for unit tests without a browser. Each one is destroyed after its test.
 */
const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) {
    e.destroy();
    e.awareness.destroy();
  }
});

export function openTestEditor(readOnly = false): Editor {
  const doc = new Y.Doc();
  const editor = new Editor({
    boardId: 'b1',
    doc,
    awareness: new Awareness(doc),
    readOnly,
    tools: toolStates,
  });
  editor.setViewportSize({ width: 1000, height: 800 });
  editors.push(editor);
  return editor;
}
