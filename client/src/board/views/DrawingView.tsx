import { DRAWING_STYLE, type Drawing, INK, PEN_WIDTHS } from '@torg/shared';
import { Group, Line } from 'react-konva';
import type { ShapeView, ShapeViewProps } from './types.js';

function DrawingView({ shape, dx, dy }: ShapeViewProps<Drawing>) {
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Line
        points={shape.points}
        stroke={INK[shape.color]}
        strokeWidth={PEN_WIDTHS[shape.width]}
        tension={DRAWING_STYLE.tension}
        lineCap="round"
        lineJoin="round"
        hitStrokeWidth={Math.max(12, PEN_WIDTHS[shape.width] + 8)}
      />
    </Group>
  );
}

export const drawingView: ShapeView<'drawing'> = {
  View: DrawingView,
  // A pen stroke has no words.
  editLayout: () => null,
};
