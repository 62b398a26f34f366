import { FILL, type GeoShape, INK } from '@torg/shared';
import { Ellipse, Group, Line, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import type { ShapeViewProps } from './types.js';

export function GeoView({ shape, dx, dy, editing }: ShapeViewProps<GeoShape>) {
  const fill = FILL[shape.fill] ?? 'transparent';
  const stroke = INK[shape.stroke];
  const { w, h } = shape;
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      {shape.kind === 'rectangle' && (
        <Rect width={w} height={h} fill={fill} stroke={stroke} strokeWidth={2} cornerRadius={4} />
      )}
      {shape.kind === 'ellipse' && (
        <Ellipse
          x={w / 2}
          y={h / 2}
          radiusX={w / 2}
          radiusY={h / 2}
          fill={fill}
          stroke={stroke}
          strokeWidth={2}
        />
      )}
      {shape.kind === 'diamond' && (
        <Line
          points={[w / 2, 0, w, h / 2, w / 2, h, 0, h / 2]}
          closed
          fill={fill}
          stroke={stroke}
          strokeWidth={2}
        />
      )}
      {!editing && shape.text && (
        <Text
          text={shape.text}
          width={w}
          height={h}
          padding={shape.kind === 'rectangle' ? 10 : Math.min(w, h) * 0.18}
          align="center"
          verticalAlign="middle"
          fontSize={20}
          fontFamily={FONT_FAMILY}
          fill={stroke}
          wrap="word"
          listening={false}
        />
      )}
    </Group>
  );
}
