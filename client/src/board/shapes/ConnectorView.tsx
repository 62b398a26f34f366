import { type Connector, connectorPath, INK, type Shape } from '@torg/shared';
import { Arrow, Group, Label, Tag, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import type { ShapeViewProps } from './types.js';

/** The connector's path with moving ends offset by their preview. */
export function livePath(
  shape: Connector,
  props: Pick<ShapeViewProps, 'lookup' | 'offsetOf'>,
): number[] | null {
  const lookup = (id: string): Shape | undefined => {
    const s = props.lookup(id);
    const o = props.offsetOf(id);
    return s && 'x' in s && (o.dx || o.dy) ? ({ ...s, x: s.x + o.dx, y: s.y + o.dy } as Shape) : s;
  };
  const own = props.offsetOf(shape.id);
  const moved: Connector = {
    ...shape,
    start:
      shape.start.kind === 'point'
        ? { ...shape.start, x: shape.start.x + own.dx, y: shape.start.y + own.dy }
        : shape.start,
    end:
      shape.end.kind === 'point'
        ? { ...shape.end, x: shape.end.x + own.dx, y: shape.end.y + own.dy }
        : shape.end,
  };
  return connectorPath(moved, lookup);
}

export function midpoint(points: number[]): { x: number; y: number } {
  const i = Math.floor(points.length / 4) * 2;
  if (points.length === 4)
    return {
      x: ((points[0] ?? 0) + (points[2] ?? 0)) / 2,
      y: ((points[1] ?? 0) + (points[3] ?? 0)) / 2,
    };
  return { x: points[i] ?? 0, y: points[i + 1] ?? 0 };
}

export function ConnectorView(props: ShapeViewProps<Connector>) {
  const { shape, editing } = props;
  const points = livePath(shape, props);
  if (!points) return null;
  const color = INK[shape.color];
  const mid = midpoint(points);
  return (
    <Group id={shape.id} name="shape">
      <Arrow
        points={points}
        stroke={color}
        fill={color}
        strokeWidth={2.5}
        pointerLength={12}
        pointerWidth={12}
        pointerAtBeginning={shape.arrowStart}
        pointerAtEnding={shape.arrowEnd}
        hitStrokeWidth={16}
        lineJoin="round"
      />
      {shape.label && !editing && (
        <Label x={mid.x} y={mid.y}>
          <Tag
            fill="#fff"
            stroke={color}
            strokeWidth={1}
            cornerRadius={4}
            pointerDirection="none"
          />
          <Text
            text={shape.label}
            fontSize={16}
            padding={5}
            fontFamily={FONT_FAMILY}
            fill={color}
          />
        </Label>
      )}
    </Group>
  );
}
