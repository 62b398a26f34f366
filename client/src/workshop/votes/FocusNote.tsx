import { shapeBounds } from '@torg/shared';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { cameraCentredOn } from '../../board/camera.js';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';

/** A note to show: selected and in the middle of the view. `key` tells two picks apart. */
export interface NoteTarget {
  boardId: string;
  shapeId: string;
  key: number;
}

/**
 * A pick in the results on another board, waiting for that board's page to open. Module
 * state, not the address: it is a one-off instruction to the next page, not a place to share.
 */
let pending: NoteTarget | null = null;
export function setPendingNote(target: NoteTarget): void {
  pending = target;
}
export function takePendingNote(boardId: string): NoteTarget | null {
  if (pending?.boardId !== boardId) return null;
  const t = pending;
  pending = null;
  return t;
}

/** Readable but not blown up: a note is shown at least at this zoom, at most at that. */
const MIN_SCALE = 0.8;
const MAX_SCALE = 1.5;

/**
 * Selects the target note and brings it into the middle of the view, once the board has it
 * and the canvas has its size (a board that is just opening has neither yet).
 */
export function FocusNote({
  api,
  target,
  onDone,
}: {
  api: EditorApi;
  target: NoteTarget;
  onDone(): void;
}) {
  const subscribe = useCallback((l: () => void) => api.store.subscribeAll(l), [api]);
  const version = useSyncExternalStore(subscribe, () => api.store.getVersion());
  const width = api.state.viewport.width;
  useEffect(() => {
    void version;
    const shape = api.store.get(target.shapeId);
    const b = shape ? shapeBounds(shape, api.store.lookup) : null;
    if (!b || width === 0) return;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, api.state.camera.scale));
    // The vote's banner lies over the top of the canvas: centre the note (and its badge)
    // in the part below it.
    const banner = document.querySelector('[data-testid="vote-banner"]');
    const inset = banner ? banner.getBoundingClientRect().height : 0;
    const centred = cameraCentredOn(b, scale, api.viewport);
    api.follow(null);
    api.select([target.shapeId]);
    api.setCamera(() => ({ ...centred, y: centred.y + inset / 2 }), true);
    onDone();
  }, [api, target, width, version, onDone]);
  return null;
}
