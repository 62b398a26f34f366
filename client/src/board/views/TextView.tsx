import { INK, LINE_HEIGHT, TEXT_SIZES, type TextShape } from '@torg/shared';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import { editOverBox, type ShapeView, type ShapeViewProps } from './types.js';

function TextView({ shape, dx, dy, editing }: ShapeViewProps<TextShape>) {
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
          lineHeight={LINE_HEIGHT}
          fontFamily={FONT_FAMILY}
          fill={INK[shape.color]}
          wrap="word"
          listening={false}
        />
      )}
    </Group>
  );
}

export const textView: ShapeView<'text'> = {
  View: TextView,
  editLayout: (shape) => ({
    ...editOverBox(shape),
    // At least one line (with room for the caret) while the text is empty.
    h: Math.max(shape.h, TEXT_SIZES[shape.size] * 1.4),
    fontSize: TEXT_SIZES[shape.size],
    color: INK[shape.color],
    bold: shape.bold,
  }),
};
