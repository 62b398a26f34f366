import { COMMENT_PIN_FILL, type Comment, PIN_TEXT } from '@torg/shared';
import { Circle, Group, Text } from 'react-konva';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { pinPoint } from './comments-logic.js';

const FILL: Record<Comment['status'], { comment: string; suggestion: string }> = COMMENT_PIN_FILL;
const R = 11;

/**
 * The top-level comments as small numbered markers at their spot or object, the same size
 * at every zoom. Look only: the feedback panel is the way to every comment by keyboard.
 */
export function CommentPins({
  api,
  comments,
  numbers,
  highlight,
}: {
  api: EditorApi;
  comments: readonly Comment[];
  numbers: Map<string, number>;
  highlight: string | null;
}) {
  const k = 1 / api.state.camera.scale;
  return (
    <>
      {comments.map((c) => {
        const n = numbers.get(c.id);
        const p = n === undefined ? null : pinPoint(c.pin, api.store.lookup);
        if (!p || n === undefined) return null;
        const label = String(n);
        return (
          <Group key={c.id} x={p.x} y={p.y} scaleX={k} scaleY={k} listening={false}>
            <Circle
              radius={c.id === highlight ? R + 3 : R}
              fill={FILL[c.status][c.kind]}
              stroke="#fff"
              strokeWidth={2}
              shadowColor="rgba(0,0,0,0.3)"
              shadowBlur={3}
            />
            {c.kind === 'suggestion' && (
              <Circle radius={R + 4} stroke={FILL[c.status][c.kind]} strokeWidth={1.5} />
            )}
            <Text
              text={label}
              x={-R}
              y={-R}
              width={R * 2}
              height={R * 2}
              align="center"
              verticalAlign="middle"
              fontSize={label.length > 2 ? 9 : 12}
              fontStyle="bold"
              fill={PIN_TEXT}
            />
          </Group>
        );
      })}
    </>
  );
}
