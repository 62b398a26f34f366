import type Konva from 'konva';
import { memo, useState } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { SELECTION_COLOR, STICKY_FILL, STICKY_TEXT } from '../theme.js';
import { useShape } from '../useShapes.js';
import type { ShapeComponentProps } from './types.js';

/** A sticky note, subscribed to its own Y.Map so an edit re-renders this note only. */
export const StickyShape = memo(function StickyShape({
  map,
  selected,
  editing,
  onSelect,
  onEdit,
  onMove,
}: ShapeComponentProps) {
  const shape = useShape(map);
  // While dragging, the node's own position wins over (throttled, older) document values.
  const [dragPos, setDragPos] = useState<{ x: number; y: number } | null>(null);
  if (shape?.type !== 'sticky') return null;
  const pos = dragPos ?? { x: shape.x, y: shape.y };
  const edit = (e: Konva.KonvaEventObject<Event>) => {
    e.cancelBubble = true;
    onEdit(shape.id);
  };
  const nodePos = (e: Konva.KonvaEventObject<DragEvent>) => ({ x: e.target.x(), y: e.target.y() });

  return (
    <Group
      x={pos.x}
      y={pos.y}
      draggable
      onMouseDown={(e) => {
        e.cancelBubble = true;
        onSelect(shape.id);
      }}
      onTap={() => onSelect(shape.id)}
      onDblClick={edit}
      onDblTap={edit}
      onDragStart={(e) => {
        onSelect(shape.id);
        setDragPos(nodePos(e));
      }}
      onDragMove={(e) => {
        const p = nodePos(e);
        setDragPos(p);
        onMove(shape.id, p, false);
      }}
      onDragEnd={(e) => {
        onMove(shape.id, nodePos(e), true);
        setDragPos(null);
      }}
    >
      <Rect
        width={shape.w}
        height={shape.h}
        fill={STICKY_FILL[shape.color]}
        cornerRadius={4}
        shadowColor="#000"
        shadowOpacity={0.18}
        shadowBlur={8}
        shadowOffsetY={3}
        stroke={selected ? SELECTION_COLOR : undefined}
        strokeWidth={selected ? 3 : 0}
      />
      {!editing && (
        <Text
          text={shape.text}
          width={shape.w}
          height={shape.h}
          padding={STICKY_TEXT.padding}
          fontSize={STICKY_TEXT.fontSize}
          lineHeight={STICKY_TEXT.lineHeight}
          fontFamily={STICKY_TEXT.fontFamily}
          fill={STICKY_TEXT.color}
          wrap="word"
          ellipsis
          listening={false}
        />
      )}
    </Group>
  );
});
