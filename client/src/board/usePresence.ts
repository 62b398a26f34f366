import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface PeerState {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
}

function parsePeer(clientId: number, state: Record<string, unknown>): PeerState | null {
  const user = state.user as { name?: unknown; color?: unknown } | undefined;
  if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') return null;
  const c = state.cursor as { x?: unknown; y?: unknown } | null | undefined;
  const cursor =
    c && typeof c.x === 'number' && typeof c.y === 'number' ? { x: c.x, y: c.y } : null;
  return { clientId, name: user.name.slice(0, 60), color: user.color, cursor };
}

/** Everyone else on the board (awareness states other than our own), validated. */
export function usePeers(awareness: Awareness): PeerState[] {
  const [peers, setPeers] = useState<PeerState[]>([]);
  useEffect(() => {
    const onChange = () => {
      const list: PeerState[] = [];
      for (const [id, state] of awareness.getStates()) {
        if (id === awareness.clientID) continue;
        const peer = parsePeer(id, state);
        if (peer) list.push(peer);
      }
      setPeers(list.sort((a, b) => a.name.localeCompare(b.name, 'nb')));
    };
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return peers;
}
