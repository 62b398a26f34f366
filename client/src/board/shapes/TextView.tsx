import { INK, TEXT_SIZES, type TextShape } from '@torg/shared';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import type { ShapeViewProps } from './types.js';

export function TextView({ shape, dx, dy, editing }: ShapeViewProps<TextShape>) {
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      {/* A transparent hit area so the whole box, not just the glyphs, can be grabbed. */}
      <Rect width={shape.w} height={shape.h} fill="transparent" />
      {!editing && (
        <Text
          text={shape.text || ' '}
          width={shape.w}
          fontSize={TEXT_SIZES[shape.size]}
          fontStyle={shape.bold ? 'bold' : 'normal'}
          lineHeight={1.25}
          fontFamily={FONT_FAMILY}
          fill={INK[shape.color]}
          wrap="word"
          listening={false}
        />
      )}
    </Group>
  );
}
