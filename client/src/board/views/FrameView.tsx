import { FILL, FRAME_STYLE, FRAME_TITLE_TEXT, type Frame, frameTitleBox } from '@torg/shared';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import { EDIT_BASE, type ShapeView, type ShapeViewProps } from './types.js';

/** A frame: its name above the top-left corner (that is where it is grabbed and renamed). */
function FrameView({ shape, dx, dy, editing }: ShapeViewProps<Frame>) {
  const { title } = FRAME_STYLE;
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
        <Text
          y={-title.height}
          height={title.height}
          width={shape.w}
          text={shape.name || ' '}
          fontSize={title.fontSize}
          fontStyle="bold"
          fontFamily={FONT_FAMILY}
          fill={FRAME_TITLE_TEXT}
          verticalAlign="middle"
          ellipsis
          wrap="none"
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
