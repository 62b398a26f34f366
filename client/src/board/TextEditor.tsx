import {
  connectorPath,
  FILL,
  INK,
  type Shape,
  STICKY_FILL,
  shapeText,
  TEXT_SIZES,
  textPatch,
} from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { patchShapes } from './actions.js';
import { worldToScreen } from './camera.js';
import type { EditorApi } from './editor.js';
import { useShape } from './hooks.js';
import { midpoint } from './shapes/ConnectorView.js';
import { FRAME_TITLE } from './shapes/FrameView.js';
import { STICKY_PADDING, stickyFontSize } from './shapes/StickyView.js';
import { FONT_FAMILY } from './text-fit.js';

interface Layout {
  x: number;
  y: number;
  w: number;
  h: number;
  fontSize: number;
  padding: number;
  background: string;
  color: string;
  bold: boolean;
  align: 'left' | 'center';
}

/** Where and how the text of each type is edited, in board coordinates. */
function layoutFor(shape: Shape, api: EditorApi): Layout | null {
  const base = {
    padding: 0,
    background: '#fff',
    color: '#1b1b1b',
    bold: false,
    align: 'left' as const,
  };
  switch (shape.type) {
    case 'sticky':
      return {
        ...base,
        x: shape.x,
        y: shape.y,
        w: shape.w,
        h: shape.h,
        fontSize: stickyFontSize(shape),
        padding: STICKY_PADDING,
        background: STICKY_FILL[shape.color],
      };
    case 'text':
      return {
        ...base,
        x: shape.x,
        y: shape.y,
        w: shape.w,
        h: Math.max(shape.h, TEXT_SIZES[shape.size] * 1.4),
        fontSize: TEXT_SIZES[shape.size],
        color: INK[shape.color],
        bold: shape.bold,
      };
    case 'geo':
      return {
        ...base,
        x: shape.x,
        y: shape.y,
        w: shape.w,
        h: shape.h,
        fontSize: 20,
        padding: 10,
        background: FILL[shape.fill] ?? '#fff',
        color: INK[shape.stroke],
        align: 'center',
      };
    case 'frame':
      return {
        ...base,
        x: shape.x,
        y: shape.y - FRAME_TITLE.height,
        w: Math.max(240, Math.min(shape.w, 600)),
        h: FRAME_TITLE.height,
        fontSize: FRAME_TITLE.fontSize,
        bold: true,
      };
    case 'connector': {
      const path = connectorPath(shape, api.store.lookup);
      if (!path) return null;
      const m = midpoint(path);
      return {
        ...base,
        x: m.x - 100,
        y: m.y - 18,
        w: 200,
        h: 36,
        fontSize: 16,
        padding: 5,
        color: INK[shape.color],
        align: 'center',
      };
    }
    case 'image':
      return {
        ...base,
        x: shape.x,
        y: shape.y + shape.h + 8,
        w: Math.max(shape.w, 240),
        h: 36,
        fontSize: 16,
        padding: 5,
      };
    case 'drawing':
      return null;
  }
}

const LIMITS: Record<Shape['type'], number> = {
  sticky: 10_000,
  text: 10_000,
  geo: 2_000,
  frame: 200,
  connector: 500,
  image: 1_000,
  drawing: 0,
};

/**
 * In-place text editing: a real textarea over the object, so IME composition, æøå, spell
 * checking and screen readers work as in any text field. Text is written as you type
 * (others see it live), except mid-composition, where the IME owns the text.
 */
export function TextEditor({ api, id }: { api: EditorApi; id: string }) {
  const t = useT();
  const shape = useShape(api.store, id);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => (shape ? shapeText(shape) : ''));
  const composing = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  if (!shape) return null;
  const layout = layoutFor(shape, api);
  if (!layout) return null;
  const cam = api.state.camera;
  const write = (value: string) => {
    if (api.readOnly) return;
    const current = api.store.get(id);
    if (current) patchShapes(api.doc, new Map([[id, textPatch(current, value)]]));
    if (current?.type === 'text') api.refitText(id);
  };
  const close = () => {
    api.edit(null);
    document
      .querySelector<HTMLElement>('[data-testid="board-canvas"]')
      ?.focus({ preventScroll: true });
  };
  const tl = worldToScreen(cam, layout);
  const singleLine = shape.type === 'frame' || shape.type === 'connector' || shape.type === 'image';

  return (
    <textarea
      ref={ref}
      className="text-editor"
      aria-label={t(`editor.label.${shape.type}` as const)}
      value={text}
      maxLength={LIMITS[shape.type]}
      rows={singleLine ? 1 : undefined}
      style={{
        left: tl.x,
        top: tl.y,
        width: layout.w * cam.scale,
        height: layout.h * cam.scale,
        padding: layout.padding * cam.scale,
        fontSize: layout.fontSize * cam.scale,
        fontWeight: layout.bold ? 700 : 400,
        lineHeight: 1.25,
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
