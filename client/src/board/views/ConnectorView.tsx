import {
  CONNECTOR_STYLE,
  type Connector,
  connectorLabelAnchor,
  connectorPath,
  INK,
  type Shape,
} from '@torg/shared';
import { Arrow, Group, Label, Tag, Text } from 'react-konva';
import { FONT_FAMILY } from '../text-fit.js';
import { type DescribeContext, EDIT_BASE, type ShapeView, type ShapeViewProps } from './types.js';

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

function ConnectorView(props: ShapeViewProps<Connector>) {
  const { shape, editing } = props;
  const points = livePath(shape, props);
  if (!points) return null;
  const color = INK[shape.color];
  const mid = connectorLabelAnchor(points);
  const { strokeWidth, arrowSize, fontSize, labelPadding } = CONNECTOR_STYLE;
  return (
    <Group id={shape.id} name="shape">
      <Arrow
        points={points}
        stroke={color}
        fill={color}
        strokeWidth={strokeWidth}
        pointerLength={arrowSize}
        pointerWidth={arrowSize}
        pointerAtBeginning={shape.arrowStart}
        pointerAtEnding={shape.arrowEnd}
        hitStrokeWidth={16}
        lineJoin="round"
      />
      {shape.label && !editing && (
        <Label x={mid.x} y={mid.y}>
          <Tag
            fill={CONNECTOR_STYLE.labelFill}
            stroke={color}
            strokeWidth={1}
            cornerRadius={CONNECTOR_STYLE.labelCornerRadius}
            pointerDirection="none"
          />
          <Text
            text={shape.label}
            fontSize={fontSize}
            padding={labelPadding}
            fontFamily={FONT_FAMILY}
            fill={color}
          />
        </Label>
      )}
    </Group>
  );
}

/** "from «A» to «B»", naming each end by its object's words (or "a point"). */
function describeEnds(shape: Connector, { t, nameOf }: DescribeContext): string {
  const end = (terminal: Connector['start']) =>
    (terminal.kind === 'shape' ? nameOf(terminal.shapeId) : '') || t('outline.freePoint');
  return t('outline.connectorFromTo', { from: end(shape.start), to: end(shape.end) });
}

export const connectorView: ShapeView<'connector'> = {
  View: ConnectorView,
  describe: describeEnds,
  editLayout(shape, lookup) {
    const path = connectorPath(shape, lookup);
    if (!path) return null;
    const m = connectorLabelAnchor(path);
    return {
      ...EDIT_BASE,
      x: m.x - 100,
      y: m.y - 18,
      w: 200,
      h: 36,
      fontSize: CONNECTOR_STYLE.fontSize,
      padding: CONNECTOR_STYLE.labelPadding,
      color: INK[shape.color],
      align: 'center',
    };
  },
};
