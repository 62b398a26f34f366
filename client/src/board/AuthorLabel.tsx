import { isFurniture, shapeBounds } from '@torg/shared';
import { worldToScreen } from './camera.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { useRevisions } from './hooks.js';

/** Who made an object, as the place around the board knows it ("Anne · Gruppe 2"), or null. */
export type AuthorOf = (shapeId: string) => string | null;

/**
 * A small "made by" label over the object under the mouse, or else the one selected object
 * (the keyboard's way: stepping through objects selects them). Screen readers hear the same
 * words in the selection announcement (SelectionAnnouncer), so this one is only seen.
 */
export function AuthorLabel({ api, authorOf }: { api: Editor; authorOf: AuthorOf }) {
  const hovered = useEditorState(api, (s) => s.hovered);
  const selected = useEditorState(api, (s) => (s.selection.length === 1 ? s.selection[0] : null));
  const editing = useEditorState(api, (s) => s.editingId);
  const camera = useEditorState(api, (s) => s.camera);
  const viewport = useEditorState(api, (s) => s.viewport);
  const id = hovered ?? selected ?? null;
  useRevisions(api.store, id ? [id] : []);
  const shape = id ? api.store.get(id) : undefined;
  if (!shape || isFurniture(shape) || editing === shape.id) return null;
  const who = authorOf(shape.id);
  const box = shapeBounds(shape, api.store.lookup);
  if (!who || !box) return null;
  const p = worldToScreen(camera, { x: box.x, y: box.y });
  // Just above the object's top left corner, kept inside the canvas.
  const left = Math.max(4, Math.min(p.x, viewport.width - 220));
  const top = Math.max(4, Math.min(p.y - 30, viewport.height - 30));
  return (
    <div
      className="author-label"
      style={{ left, top }}
      aria-hidden="true"
      data-testid="author-label"
    >
      {who}
    </div>
  );
}
