import {
  STICKY_EDGE,
  STICKY_FILL,
  STICKY_STYLE,
  STICKY_TEXT,
  type Sticky,
  stickyFontSize,
  stickyTextBox,
} from '@torg/shared';
import { useMemo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY, useFontVersion } from '../text-fit.js';
import { editOverBox, type ShapeView, type ShapeViewProps } from './types.js';

function StickyView({ shape, dx, dy, editing }: ShapeViewProps<Sticky>) {
  const fonts = useFontVersion();
  // biome-ignore lint/correctness/useExhaustiveDependencies: laid out again once Inter has loaded
  const fontSize = useMemo(() => stickyFontSize(shape), [shape, fonts]);
  const { shadow, cornerRadius, padding } = STICKY_STYLE;
  const box = stickyTextBox(shape);
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Rect
        x={shadow.dx}
        y={shadow.dy}
        width={shape.w}
        height={shape.h}
        fill={`rgba(0,0,0,${shadow.opacity})`}
        cornerRadius={cornerRadius}
        listening={false}
      />
      <Rect
        width={shape.w}
        height={shape.h}
        fill={STICKY_FILL[shape.color]}
        stroke={STICKY_EDGE[shape.color]}
        strokeWidth={STICKY_STYLE.edgeWidth}
        cornerRadius={cornerRadius}
      />
      {!editing && (
        <Text
          text={shape.text}
          x={padding}
          y={padding}
          width={box.w}
          height={box.h}
          fontSize={fontSize}
          lineHeight={1.25}
          fontFamily={FONT_FAMILY}
          fill={STICKY_TEXT}
          wrap="word"
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
}

export const stickyView: ShapeView<'sticky'> = {
  View: StickyView,
  editLayout: (shape) => ({
    ...editOverBox(shape),
    fontSize: stickyFontSize(shape),
    padding: STICKY_STYLE.padding,
    background: STICKY_FILL[shape.color],
  }),
};
