import { LINE_HEIGHT, shapeText, textMaxLength, textPatch, utilOf } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { patchShapes } from './actions.js';
import { worldToScreen } from './camera.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { useShape } from './hooks.js';
import { FONT_FAMILY } from './text-fit.js';
import { viewOf } from './views/index.js';

/**
 * In-place text editing: a real textarea over the object, so IME composition, æøå, spell
 * checking and screen readers work as in any text field. Text is written as you type
 * (others see it live), except mid-composition, where the IME owns the text.
 */
export function TextEditor({ api, id }: { api: Editor; id: string }) {
  const t = useT();
  const shape = useShape(api.store, id);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => (shape ? shapeText(shape) : ''));
  const composing = useRef(false);
  const cam = useEditorState(api, (s) => s.camera);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  if (!shape) return null;
  const layout = viewOf(shape).editLayout(shape, api.store.lookup);
  if (!layout) return null;
  const write = (value: string) => {
    const current = api.store.get(id);
    if (!current) return;
    api.write(() => patchShapes(api.doc, new Map([[id, textPatch(current, value)]])));
    api.refitText(id);
  };
  const close = () => {
    api.edit(null);
    document
      .querySelector<HTMLElement>('[data-testid="board-canvas"]')
      ?.focus({ preventScroll: true });
  };
  const tl = worldToScreen(cam, layout);
  // One-line fields (a frame's name, an arrow's label): Enter closes the editor.
  const singleLine = !utilOf(shape).multiline;

  return (
    <textarea
      ref={ref}
      className="text-editor"
      aria-label={t(`editor.label.${shape.type}` as const)}
      value={text}
      maxLength={textMaxLength(shape)}
      rows={singleLine ? 1 : undefined}
      style={{
        left: tl.x,
        top: tl.y,
        width: layout.w * cam.scale,
        height: layout.h * cam.scale,
        padding: layout.padding * cam.scale,
        fontSize: layout.fontSize * cam.scale,
        fontWeight: layout.bold ? 700 : 400,
        lineHeight: LINE_HEIGHT,
        fontFamily: FONT_FAMILY,
        background: layout.background,
        color: layout.color,
        textAlign: layout.align,
      }}
      onChange={(e) => {
        setText(e.target.value);
        if (!composing.current) write(e.target.value);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        write(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey || singleLine))) {
          e.preventDefault();
          close();
        }
      }}
      onBlur={() => {
        if (api.state.editingId === id) api.edit(null);
      }}
    />
  );
}
