import { FILL, FRAME_TITLE_TEXT, type Frame } from '@torg/shared';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import type { ShapeViewProps } from './types.js';

export const FRAME_TITLE = { fontSize: 20, height: 32 } as const;

/** A frame: its name above the top-left corner (that is where it is grabbed and renamed). */
export function FrameView({ shape, dx, dy, editing }: ShapeViewProps<Frame>) {
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Rect
        width={shape.w}
        height={shape.h}
        fill={FILL[shape.color] ?? 'transparent'}
        stroke="#8a93a0"
        strokeWidth={1.5}
        cornerRadius={6}
      />
      {!editing && (
        <Text
          y={-FRAME_TITLE.height}
          height={FRAME_TITLE.height}
          width={shape.w}
          text={shape.name || ' '}
          fontSize={FRAME_TITLE.fontSize}
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
