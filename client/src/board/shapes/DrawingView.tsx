import { type Drawing, INK, PEN_WIDTHS } from '@torg/shared';
import { Group, Line } from 'react-konva';
import type { ShapeViewProps } from './types.js';

export function DrawingView({ shape, dx, dy }: ShapeViewProps<Drawing>) {
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Line
        points={shape.points}
        stroke={INK[shape.color]}
        strokeWidth={PEN_WIDTHS[shape.width]}
        tension={0.4}
        lineCap="round"
        lineJoin="round"
        hitStrokeWidth={Math.max(12, PEN_WIDTHS[shape.width] + 8)}
      />
    </Group>
  );
}
