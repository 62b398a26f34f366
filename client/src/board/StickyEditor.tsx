import { ORIGIN_LOCAL, type Shape, STICKY_MAX_TEXT, shapesMap, updateShapes } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/LocaleProvider.js';
import { type Camera, worldToScreen } from './camera.js';
import { STICKY_FILL, STICKY_TEXT } from './theme.js';

interface Props {
  doc: Y.Doc;
  shape: Shape;
  camera: Camera;
  onClose(): void;
}

/**
 * In-place text editing: a real textarea over the note, so IME composition, æøå, spell
 * checking and screen readers work as in any text field. Text is written as you type
 * (others see it live), except mid-composition, where the IME owns the text.
 */
export function StickyEditor({ doc, shape, camera, onClose }: Props) {
  const t = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(shape.text);
  const composing = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const write = (value: string) => {
    if (shapesMap(doc).has(shape.id)) {
      updateShapes(doc, new Map([[shape.id, { text: value }]]), ORIGIN_LOCAL);
    }
  };

  const topLeft = worldToScreen(camera, shape);
  return (
    <textarea
      ref={ref}
      className="sticky-editor"
      aria-label={t('board.stickyEditorLabel')}
      value={text}
      maxLength={STICKY_MAX_TEXT}
      style={{
        left: topLeft.x,
        top: topLeft.y,
        width: shape.w * camera.scale,
        height: shape.h * camera.scale,
        padding: STICKY_TEXT.padding * camera.scale,
        fontSize: STICKY_TEXT.fontSize * camera.scale,
        lineHeight: STICKY_TEXT.lineHeight,
        fontFamily: STICKY_TEXT.fontFamily,
        background: STICKY_FILL[shape.type === 'sticky' ? shape.color : 'yellow'],
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
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          onClose();
        }
      }}
      onBlur={() => {
        write(text);
        onClose();
      }}
    />
  );
}
