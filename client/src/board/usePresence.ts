import type { Rect } from '@torg/shared';
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface PeerState {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  viewport: Rect | null;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Awareness states come from other browsers: read them defensively. */
function parsePeer(clientId: number, state: Record<string, unknown>): PeerState | null {
  const user = state.user as { name?: unknown; color?: unknown } | undefined;
  if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') return null;
  const c = state.cursor as { x?: unknown; y?: unknown } | null | undefined;
  const v = state.viewport as Partial<Record<'x' | 'y' | 'w' | 'h', unknown>> | undefined;
  const selection = Array.isArray(state.selection)
    ? state.selection.filter((id): id is string => typeof id === 'string').slice(0, 500)
    : [];
  return {
    clientId,
    name: user.name.slice(0, 60),
    color: /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#3d3d3d',
    cursor: c && num(c.x) && num(c.y) ? { x: c.x, y: c.y } : null,
    selection,
    viewport:
      v && num(v.x) && num(v.y) && num(v.w) && num(v.h) && v.w > 0 && v.h > 0
        ? { x: v.x, y: v.y, w: v.w, h: v.h }
        : null,
  };
}

/** Everyone else on the board (awareness states other than our own), validated, by name. */
export function readPeers(awareness: Awareness): PeerState[] {
  const list: PeerState[] = [];
  for (const [id, state] of awareness.getStates()) {
    if (id === awareness.clientID) continue;
    const peer = parsePeer(id, state);
    if (peer) list.push(peer);
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.clientId - b.clientId);
}

/** Everyone else on the board, kept current. */
export function usePeers(awareness: Awareness): PeerState[] {
  const [peers, setPeers] = useState<PeerState[]>([]);
  useEffect(() => {
    const onChange = () => setPeers(readPeers(awareness));
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return peers;
}
