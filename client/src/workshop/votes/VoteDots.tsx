import { type Dot, shapeBounds } from '@torg/shared';
import { Circle, Group } from 'react-konva';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';

const R = 8;
const STEP = 19;
const PER_ROW = 8;
export const OTHERS_FILL = '#8a8f98';

/**
 * The vote's dots as small filled circles along the top of their object, the same size at
 * every zoom: own dots first in the person's colour, others' in grey. Look only: the
 * "Mine prikker" list is the way to remove one by keyboard.
 */
export function VoteDots({
  api,
  dots,
  participantId,
  color,
}: {
  api: EditorApi;
  dots: readonly Dot[];
  participantId: string;
  color: string;
}) {
  const k = 1 / api.state.camera.scale;
  const byShape = new Map<string, Dot[]>();
  for (const d of dots) {
    const list = byShape.get(d.shapeId) ?? [];
    list.push(d);
    byShape.set(d.shapeId, list);
  }
  return (
    <>
      {[...byShape].map(([shapeId, list]) => {
        const shape = api.store.get(shapeId);
        const b = shape ? shapeBounds(shape, api.store.lookup) : null;
        if (!b) return null;
        const sorted = [...list].sort(
          (x, y) =>
            Number(y.participantId === participantId) - Number(x.participantId === participantId),
        );
        return (
          <Group key={shapeId} x={b.x} y={b.y} scaleX={k} scaleY={k} listening={false}>
            {sorted.map((d, i) => (
              <Circle
                key={d.id}
                x={R + 6 + (i % PER_ROW) * STEP}
                y={R + 6 + Math.floor(i / PER_ROW) * STEP}
                radius={R}
                fill={d.participantId === participantId ? color : OTHERS_FILL}
                stroke="#fff"
                strokeWidth={1.5}
                shadowColor="rgba(0,0,0,0.3)"
                shadowBlur={2}
              />
            ))}
          </Group>
        );
      })}
    </>
  );
}
