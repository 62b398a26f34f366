import { shapeBounds } from '@torg/shared';
import { Rect as KRect } from 'react-konva';
import type { Editor } from '../editor/Editor.js';
import { useEditorState } from '../editor/hooks.js';
import type { PeerState } from '../usePresence.js';

/**
 * Frames around what others select (dashed, in their colour) and what I select; the object
 * the resize handles frame (`handled`) is left to them.
 */
export function SelectionFrames({
  editor,
  peers,
  handled,
}: {
  editor: Editor;
  peers: PeerState[];
  handled: string | null;
}) {
  const { store } = editor;
  const selection = useEditorState(editor, (s) => s.selection);
  const scale = useEditorState(editor, (s) => s.camera.scale);
  const peerSelections = peers.flatMap((p) =>
    p.selection.flatMap((id) => {
      const s = store.get(id);
      const b = s ? shapeBounds(s, store.lookup) : null;
      return b ? [{ key: `${p.clientId}:${id}`, b, color: p.color }] : [];
    }),
  );
  return (
    <>
      {peerSelections.map(({ key, b, color }) => (
        <KRect
          key={key}
          x={b.x - 4}
          y={b.y - 4}
          width={b.w + 8}
          height={b.h + 8}
          stroke={color}
          strokeWidth={2 / scale}
          dash={[6 / scale, 4 / scale]}
          listening={false}
        />
      ))}
      {[...new Set(selection)].map((id) => {
        if (id === handled) return null;
        const s = store.get(id);
        const b = s ? shapeBounds(s, store.lookup) : null;
        if (!s || !b) return null;
        const o = editor.preview.offsetOf(id);
        return (
          <KRect
            key={id}
            x={b.x + o.dx - 3}
            y={b.y + o.dy - 3}
            width={b.w + 6}
            height={b.h + 6}
            stroke={s.locked ? '#8a93a0' : '#1d4e89'}
            strokeWidth={2 / scale}
            dash={s.locked ? [4 / scale, 4 / scale] : undefined}
            listening={false}
          />
        );
      })}
    </>
  );
}
