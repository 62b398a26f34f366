import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { type BoardRules, Editor, type EditorState } from './Editor.js';
import { DEFAULT_RULES } from './state.js';
import { toolStates } from './tools/index.js';

/**
 * The editor of an open board: made when the board opens, destroyed when it closes (null
 * until then: an effect makes it, so React's strict mode's second run gets a fresh one).
 * `readOnly` may change while it is open (the facilitator locks the board).
 */
export function useEditor(
  boardId: string,
  doc: Y.Doc,
  awareness: Awareness,
  options: { readOnly?: boolean; rules?: BoardRules; notice?: (key: string | null) => void } = {},
): Editor | null {
  const { readOnly = false, rules = DEFAULT_RULES, notice } = options;
  const latest = useRef({ readOnly, rules, notice });
  latest.current = { readOnly, rules, notice };
  const [editor, setEditor] = useState<Editor | null>(null);
  useEffect(() => {
    const made = new Editor({
      boardId,
      doc,
      awareness,
      readOnly: latest.current.readOnly,
      rules: latest.current.rules,
      notice: (key) => latest.current.notice?.(key),
      tools: toolStates,
    });
    setEditor(made);
    return () => {
      made.destroy();
      setEditor(null);
    };
  }, [boardId, doc, awareness]);
  useEffect(() => editor?.setReadOnly(readOnly), [editor, readOnly]);
  useEffect(() => editor?.setRules(rules), [editor, rules]);
  return editor;
}

/**
 * A part of the editor's state, re-rendering only when that part changes: a camera move
 * re-renders what reads the camera and nothing else. The selector must return a value that
 * is stable while its part is (a field of the state, not a new object).
 */
export function useEditorState<T>(editor: Editor, selector: (state: EditorState) => T): T {
  return useSyncExternalStore(editor.subscribe, () => selector(editor.state));
}
