import { Group, Label, Path, Tag, Text } from 'react-konva';
import type { PeerState } from './usePresence.js';

/** Other people's pointers with their names, drawn at constant size whatever the zoom. */
export function Cursors({ peers, scale }: { peers: PeerState[]; scale: number }) {
  return (
    <>
      {peers.map((p) =>
        p.cursor ? (
          <Group
            key={p.clientId}
            x={p.cursor.x}
            y={p.cursor.y}
            scaleX={1 / scale}
            scaleY={1 / scale}
            listening={false}
          >
            <Path
              data="M0 0 L0 18 L5 13 L9 21 L12 20 L8 12 L15 12 Z"
              fill={p.color}
              stroke="#fff"
              strokeWidth={1.5}
            />
            <Label x={14} y={18}>
              <Tag fill={p.color} cornerRadius={4} />
              <Text
                text={p.name}
                fill="#fff"
                fontSize={13}
                padding={4}
                fontFamily="system-ui, sans-serif"
              />
            </Label>
          </Group>
        ) : null,
      )}
    </>
  );
}
