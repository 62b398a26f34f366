import { FILL, GEO_STYLE, type GeoShape, geoPadding, INK } from '@torg/shared';
import { Ellipse, Group, Line, Rect, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import { editOverBox, type ShapeView, type ShapeViewProps } from './types.js';

function GeoView({ shape, dx, dy, editing }: ShapeViewProps<GeoShape>) {
  const fill = FILL[shape.fill] ?? 'transparent';
  const stroke = INK[shape.stroke];
  const { w, h } = shape;
  const { strokeWidth } = GEO_STYLE;
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      {shape.kind === 'rectangle' && (
        <Rect
          width={w}
          height={h}
          fill={fill}
          stroke={stroke}
          strokeWidth={strokeWidth}
          cornerRadius={GEO_STYLE.cornerRadius}
        />
      )}
      {shape.kind === 'ellipse' && (
        <Ellipse
          x={w / 2}
          y={h / 2}
          radiusX={w / 2}
          radiusY={h / 2}
          fill={fill}
          stroke={stroke}
          strokeWidth={strokeWidth}
        />
      )}
      {shape.kind === 'diamond' && (
        <Line
          points={[w / 2, 0, w, h / 2, w / 2, h, 0, h / 2]}
          closed
          fill={fill}
          stroke={stroke}
          strokeWidth={strokeWidth}
        />
      )}
      {!editing && shape.text && (
        <Text
          text={shape.text}
          width={w}
          height={h}
          padding={geoPadding(shape.kind, w, h)}
          align="center"
          verticalAlign="middle"
          fontSize={GEO_STYLE.fontSize}
          fontFamily={FONT_FAMILY}
          fill={stroke}
          wrap="word"
          listening={false}
        />
      )}
    </Group>
  );
}

export const geoView: ShapeView<'geo'> = {
  View: GeoView,
  editLayout: (shape) => ({
    ...editOverBox(shape),
    fontSize: GEO_STYLE.fontSize,
    padding: GEO_STYLE.rectPadding,
    background: FILL[shape.fill] ?? '#fff',
    color: INK[shape.stroke],
    align: 'center',
  }),
};
