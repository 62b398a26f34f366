import { FILL, FRAME_STYLE, type Frame, frameTitleBox } from '@torg/shared';
import { Group, Shape as KShape, Rect } from 'react-konva';
import { drawLabel, labelsOf } from '../canvas/legible-text.js';
import { EDIT_BASE, type ShapeView, type ShapeViewProps } from './types.js';

/**
 * A frame: its name above the top-left corner (that is where it is grabbed and renamed),
 * drawn as the exports lay it out (shared's metrics, cut with "…" to the frame's width): no
 * Konva text to measure when a board opens.
 */
function FrameView({ shape, dx, dy, editing }: ShapeViewProps<Frame>) {
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Rect
        width={shape.w}
        height={shape.h}
        fill={FILL[shape.color] ?? 'transparent'}
        stroke={FRAME_STYLE.stroke}
        strokeWidth={FRAME_STYLE.strokeWidth}
        cornerRadius={FRAME_STYLE.cornerRadius}
      />
      {!editing && (
        <KShape
          listening={false}
          perfectDrawEnabled={false}
          sceneFunc={(ctx) => {
            const c = ctx._context;
            c.translate(-shape.x, -shape.y);
            for (const label of labelsOf(shape)) drawLabel(c, label);
          }}
        />
      )}
    </Group>
  );
}

export const frameView: ShapeView<'frame'> = {
  View: FrameView,
  editLayout: (shape) => ({
    ...EDIT_BASE,
    ...frameTitleBox(shape),
    // Wide enough to type a name in, even over a narrow frame.
    w: Math.max(240, Math.min(shape.w, 600)),
    fontSize: FRAME_STYLE.title.fontSize,
    bold: true,
  }),
};
