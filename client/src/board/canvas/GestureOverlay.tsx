import { INK, isBoxShape, PEN_WIDTHS, type Rect } from '@torg/shared';
import { Arrow, Rect as KRect, Line } from 'react-konva';
import type { Editor } from '../editor/Editor.js';
import { useEditorState } from '../editor/hooks.js';
import type { Overlay } from '../editor/tools/types.js';

const ACCENT = '#1d4e89';

/** What the gesture in progress draws: the marquee, the new box, the stroke, the arrow. */
export function GestureOverlay({ editor }: { editor: Editor }) {
  const overlay = useEditorState(editor, (s) => s.overlay);
  const scale = useEditorState(editor, (s) => s.camera.scale);
  const style = useEditorState(editor, (s) => s.style);
  switch (overlay?.kind) {
    case 'marquee':
      return (
        <KRect
          {...toKonvaRect(overlay.rect)}
          fill="rgba(29,78,137,0.08)"
          stroke={ACCENT}
          strokeWidth={1 / scale}
          listening={false}
        />
      );
    case 'create':
      return (
        <KRect
          {...toKonvaRect(overlay.rect)}
          stroke={ACCENT}
          dash={[6 / scale, 4 / scale]}
          strokeWidth={1.5 / scale}
          listening={false}
        />
      );
    case 'pen':
      return (
        <Line
          points={overlay.points}
          stroke={INK[style.penColor]}
          strokeWidth={PEN_WIDTHS[style.penWidth]}
          lineCap="round"
          lineJoin="round"
          tension={0.4}
          listening={false}
        />
      );
    case 'connect':
      return <ConnectPreview editor={editor} g={overlay} />;
    default:
      return null;
  }
}

function ConnectPreview({
  editor,
  g,
}: {
  editor: Editor;
  g: Extract<Overlay, { kind: 'connect' }>;
}) {
  const startShape = g.start.kind === 'shape' ? editor.store.get(g.start.shapeId) : undefined;
  const from =
    g.start.kind === 'point'
      ? g.start
      : startShape && isBoxShape(startShape)
        ? { x: startShape.x + startShape.w / 2, y: startShape.y + startShape.h / 2 }
        : g.current;
  const target = g.target ? editor.store.get(g.target) : undefined;
  return (
    <>
      {target && isBoxShape(target) && (
        <KRect
          x={target.x - 4}
          y={target.y - 4}
          width={target.w + 8}
          height={target.h + 8}
          stroke={ACCENT}
          strokeWidth={2}
          listening={false}
        />
      )}
      <Arrow
        points={[from.x, from.y, g.current.x, g.current.y]}
        stroke={ACCENT}
        fill={ACCENT}
        strokeWidth={2}
        dash={[8, 6]}
        listening={false}
      />
    </>
  );
}

function toKonvaRect(r: Rect) {
  return { x: r.x, y: r.y, width: r.w, height: r.h };
}
