import { isBoxShape, type Shape } from '@torg/shared';
import { useEffect, useRef } from 'react';
import {
  bringToFront,
  cloneShapes,
  deleteIds,
  duplicate,
  lockableIds,
  moveBy,
  parseClipboard,
  sendToBack,
  serializeForClipboard,
  setLocked,
} from './actions.js';
import { isTyping } from './BoardCanvas.js';
import { connectShapes, createStickyInFreeSpace, pasteCopies } from './editor/create.js';
import { type Editor, READ_ONLY_TOOLS } from './editor/Editor.js';
import { pickImage, placeImageFile } from './editor/image-upload.js';
import { TOOLS } from './tools.js';

/**
 * Keyboard shortcuts, clipboard and file drops for the board. Shortcuts are ignored while
 * typing in any field or while a dialog is open, so they never eat text.
 */
export function useShortcuts(api: Editor, handlers: { toggleOutline(): void; showHelp(): void }) {
  const ref = useRef({ api, handlers });
  ref.current = { api, handlers };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { api, handlers } = ref.current;
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      // Enter and Space belong to the focused button or link, never to a shortcut.
      const onControl =
        e.target instanceof HTMLElement && e.target.closest('button, a[href], summary');
      if (onControl && (e.key === 'Enter' || e.key === ' ')) return;
      const { selection } = api.state;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      // Looking only: no shortcut that changes the board (select, pan, zoom, copy still work);
      // `api.write` refuses the rest, these only leave a key to the browser.
      const ro = api.readOnly;
      const consume = () => e.preventDefault();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };

      // The tool first: Escape ends a gesture in progress (a drag, a marquee, a stroke).
      if (!mod && api.key(e.key)) return consume();
      if (mod && key === 'z') {
        consume();
        api.write(() => (e.shiftKey ? api.undo.redo() : api.undo.undo()));
        return;
      }
      if (mod && key === 'y') {
        consume();
        api.write(() => api.undo.redo());
        return;
      }
      if (mod && key === 'a') {
        consume();
        api.select([...api.store.order()]);
        return;
      }
      if (mod && key === 'd') {
        consume();
        if (selection.length) api.write(() => api.select(duplicate(api.doc, api.store, selection)));
        return;
      }
      if (mod && e.key === ']') {
        consume();
        api.write(() => bringToFront(api.doc, api.store, selection));
        return;
      }
      if (mod && e.key === '[') {
        consume();
        api.write(() => sendToBack(api.doc, api.store, selection));
        return;
      }
      if (mod && e.shiftKey && key === 'l') {
        consume();
        const allLocked = selection.every((id) => api.store.get(id)?.locked);
        const lockable = lockableIds(api.store, selection, api.state.rules.mayUnlockFurniture);
        api.write(() => setLocked(api.doc, api.store, lockable, !allLocked));
        return;
      }
      if (mod) return;
      if (e.shiftKey && (e.code === 'Digit1' || e.key === '!')) return run(() => api.zoomToFit());
      if (e.shiftKey && (e.code === 'Digit2' || e.key === '"' || e.key === '@'))
        return run(() => api.zoomToSelection());
      if (e.shiftKey && (e.code === 'Digit0' || e.key === '=')) {
        consume();
        api.setCamera((c) => ({ ...c, scale: 1 }), true);
        return;
      }
      if (e.shiftKey && key === 'o') return run(() => handlers.toggleOutline());
      if (e.key === '?') return run(() => handlers.showHelp());
      if (e.key === '+' || e.key === '=') return run(() => api.zoomBy(1.25));
      if (e.key === '-') return run(() => api.zoomBy(1 / 1.25));
      if (e.key === 'Escape') {
        api.select([]);
        api.setTool('select');
        api.follow(null);
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        if (selection.length && !ro) run(() => deleteIds(api.doc, api.store, selection));
        return;
      }
      if (e.key === 'Enter' && selection.length === 1 && !ro) {
        const s = api.store.get(selection[0] ?? '');
        if (s && !s.locked && s.type !== 'drawing') run(() => api.edit(s.id));
        return;
      }
      if (e.key.startsWith('Arrow') && selection.length && !ro) {
        consume();
        const step = e.shiftKey ? 10 : 1;
        const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
        const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
        moveBy(api.doc, api.store, selection, dx, dy);
        return;
      }
      if (
        e.key === '.' ||
        e.key === ',' ||
        e.key === ':' ||
        e.key === ';' ||
        e.key === '>' ||
        e.key === '<'
      ) {
        // Step through objects in z-order (never Tab: Tab must always leave the board).
        // With Shift (':' / ';' on Nordic layouts, '>' / '<' on others) it adds to the selection.
        const order = api.store.order();
        if (order.length === 0) return;
        consume();
        const forward = e.key === '.' || e.key === ':' || e.key === '>';
        const current = order.indexOf(selection[selection.length - 1] ?? '');
        const next = forward
          ? (current + 1) % order.length
          : current <= 0
            ? order.length - 1
            : current - 1;
        const id = order[next] ?? '';
        api.select(e.shiftKey ? [...selection.filter((x) => x !== id), id] : [id]);
        return;
      }
      if (key === 'c' && selection.length === 2 && !ro) {
        consume();
        connectShapes(api, selection[0] ?? '', selection[1] ?? '');
        return;
      }
      const tool = TOOLS.find((t) => t.key === key);
      if (tool && !e.altKey && (!ro || READ_ONLY_TOOLS.includes(tool.id))) {
        consume();
        if (tool.id === 'image') pickImage(api);
        else api.setTool(tool.id);
      }
    };

    const selected = (): Shape[] =>
      ref.current.api.state.selection
        .map((id) => ref.current.api.store.get(id))
        .filter((s): s is Shape => !!s);

    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !e.clipboardData) return;
      const shapes = selected();
      if (!shapes.length) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', serializeForClipboard(shapes));
    };
    const onCut = (e: ClipboardEvent) => {
      if (ref.current.api.readOnly) return;
      onCopy(e);
      if (e.defaultPrevented)
        deleteIds(ref.current.api.doc, ref.current.api.store, ref.current.api.state.selection);
    };
    const onPaste = (e: ClipboardEvent) => {
      const { api } = ref.current;
      if (api.readOnly || isTyping(e.target) || !e.clipboardData) return;
      const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
      if (file) {
        e.preventDefault();
        void placeImageFile(api, file);
        return;
      }
      const text = e.clipboardData.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      const shapes = parseClipboard(text);
      if (shapes?.length) {
        // Paste where the view is: keep the copied layout, centred in the view.
        const boxes = shapes.filter(isBoxShape);
        const c = api.viewCenter();
        const minX = Math.min(...boxes.map((b) => b.x), c.x);
        const minY = Math.min(...boxes.map((b) => b.y), c.y);
        const sameBoard = shapes.every((s) => api.store.get(s.id));
        const dx = sameBoard ? 24 : Math.round(c.x - minX - 100);
        const dy = sameBoard ? 24 : Math.round(c.y - minY - 100);
        pasteCopies(api, cloneShapes(shapes, api.store, dx, dy));
        return;
      }
      // Plain text from elsewhere becomes a note, in free space near the middle of the view.
      createStickyInFreeSpace(api, null, { text: text.slice(0, 10_000), after: 'select' });
    };

    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
