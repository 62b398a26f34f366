import type { Rect } from '@torg/shared';
import type { Awareness } from 'y-protocols/awareness';
import { type Camera, cameraCentredOn } from '../camera.js';
import { readPeers } from '../usePresence.js';
import type { EditorState } from './state.js';

/** Others see where I look shortly after I stop moving (the view is sent at most this often). */
const VIEWPORT_SEND_MS = 80;

/** The part of the editor that presence reads and steers (the Editor itself). */
export interface PresenceHost {
  readonly state: EditorState;
  readonly awareness: Awareness;
  subscribe(listener: () => void): () => void;
  visibleRect(): Rect;
  setCamera(update: (c: Camera) => Camera, byUser: boolean): void;
  follow(clientId: number | null): void;
}

/**
 * Keeps awareness and the session in step: others see what I select at once and what I look
 * at shortly after (outlines, follow mode); while I follow someone, my view shows theirs
 * until I move it myself or they leave. Returns the function that stops it.
 */
export function syncPresence(editor: PresenceHost): () => void {
  const { awareness } = editor;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent: Pick<EditorState, 'selection' | 'camera' | 'viewport'> | null = null;
  let following: number | null = null;
  let followedView: string | null = null;

  const broadcast = () => {
    const { selection, camera, viewport } = editor.state;
    if (selection !== sent?.selection) awareness.setLocalStateField('selection', selection);
    const moved = camera !== sent?.camera || viewport !== sent?.viewport;
    sent = { selection, camera, viewport };
    if (!moved || viewport.width === 0) return;
    clearTimeout(timer);
    const { x, y, w, h } = editor.visibleRect();
    timer = setTimeout(() => {
      const round = Math.round;
      awareness.setLocalStateField('viewport', {
        x: round(x),
        y: round(y),
        w: round(w),
        h: round(h),
      });
    }, VIEWPORT_SEND_MS);
  };

  const followPeer = () => {
    const { state } = editor;
    if (state.following !== following) {
      following = state.following;
      followedView = null;
    }
    if (following === null) return;
    const peer = readPeers(awareness).find((p) => p.clientId === following);
    if (!peer) {
      editor.follow(null);
      return;
    }
    const view = peer.viewport;
    const key = view ? JSON.stringify(view) : null;
    const vp = state.viewport;
    if (!view || key === followedView || vp.width === 0) return;
    followedView = key;
    const scale = Math.min(vp.width / view.w, vp.height / view.h);
    editor.setCamera(() => cameraCentredOn(view, scale, vp), false);
  };

  const stopState = editor.subscribe(() => {
    broadcast();
    followPeer();
  });
  awareness.on('change', followPeer);
  return () => {
    clearTimeout(timer);
    stopState();
    awareness.off('change', followPeer);
  };
}
